package com.licenserecon.provider;

import static com.licenserecon.provider.ProviderFileColumns.*;

import com.licenserecon.csv.CsvRecord;
import com.licenserecon.csv.RowParser;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Validates one provider file row against the file-formats spec. */
public class ProviderRowParser implements ItemProcessor<CsvRecord, ProviderRow> {

    private static final Set<String> TERM_DURATIONS = Set.of("P1M", "P1Y", "P3Y");
    private static final Set<String> BILLING_CYCLES = Set.of("monthly", "annual", "triennial", "none");

    @Override
    public ProviderRow process(CsvRecord record) {
        RowParser row = new RowParser(record);
        var tenant = row.uuid(CUSTOMER_TENANT_ID, true);
        var customerName = row.text(CUSTOMER_NAME, false);
        var subscriptionId = row.uuid(SUBSCRIPTION_ID, true);
        var offerId = row.text(OFFER_ID, false);
        var sku = row.text(SKU_PART_NUMBER, true);
        var displayName = row.text(DISPLAY_NAME, false);
        var quantity = row.integer(QUANTITY, true, 0);
        var assigned = row.integer(ASSIGNED, false, 0);
        var status = row.parse(STATUS, true,
                "is not one of active, pending, suspended, expired, disabled, deleted", ProviderStatus::parse);
        var autoRenew = row.bool(AUTO_RENEW, true);
        var commitment = row.parse(COMMITMENT, true, "is not NCE or LEGACY", Commitment::parse);
        var termDuration = row.parse(TERM_DURATION, false, "is not one of P1M, P1Y, P3Y",
                v -> TERM_DURATIONS.contains(v) ? java.util.Optional.of(v) : java.util.Optional.empty());
        var billingCycle = row.parse(BILLING_CYCLE, false, "is not one of monthly, annual, triennial, none",
                v -> BILLING_CYCLES.contains(v) ? java.util.Optional.of(v) : java.util.Optional.empty());
        LocalDate termStart = row.date(TERM_START, true);
        LocalDate termEnd = row.date(TERM_END, true);
        var refundable = row.parse(REFUNDABLE, false,
                "is not a list of quantity@instant pairs joined by ';'", RefundableBatch::parseAll);
        if (termStart != null && termEnd != null && termEnd.isBefore(termStart)) {
            row.reject(TERM_END, termEnd.toString(), "is before term_start " + termStart);
        }
        if (!row.isValid()) {
            return new ProviderRow.Rejected(record.lineNumber(), row.errors());
        }
        return new ProviderRow.Accepted(record.lineNumber(), new ProviderSubscription(tenant, customerName,
                subscriptionId, offerId, sku, displayName, quantity, assigned, status, autoRenew, commitment,
                termDuration, billingCycle, termStart, termEnd, refundable == null ? List.of() : refundable));
    }
}
