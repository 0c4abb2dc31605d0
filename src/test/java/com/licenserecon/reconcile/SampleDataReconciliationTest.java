package com.licenserecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.csv.CsvRecord;
import com.licenserecon.csv.CsvRecordReader;
import com.licenserecon.ctlicense.CtLicense;
import com.licenserecon.ctlicense.CtLicenseRowParser;
import com.licenserecon.provider.ProviderFileColumns;
import com.licenserecon.provider.ProviderRow;
import com.licenserecon.provider.ProviderRowParser;
import com.licenserecon.provider.ProviderSubscription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The sample night of ../shared/samples (copied to samples): the CT and provider files
 * read through the CSV reader and row parsers, matched in memory, compared with expected-recon.csv.
 */
class SampleDataReconciliationTest {

    private static final Path SAMPLES = com.licenserecon.support.SampleData.DIR;

    private static List<CtLicense> cts;
    private static List<ProviderSubscription> providers;

    /** One row of expected-recon.csv, or the same columns of a reconciliation line; blanks are "". */
    record Outcome(String subscriptionId, String ctLicenseId, String result, String quantityDelta,
            String monthlyAmountDelta) {

        static Outcome of(ReconciliationLine line) {
            return new Outcome(line.subscriptionId() == null ? "" : line.subscriptionId().toString(),
                    Objects.toString(line.ctLicenseId(), ""), line.result(),
                    line.quantityDelta() == null ? "" : line.quantityDelta().toString(),
                    Money.format(line.monthlyAmountDelta()));
        }
    }

    private static List<CsvRecord> readAll(String file, List<String> required) throws Exception {
        CsvRecordReader reader = new CsvRecordReader(file, SAMPLES.resolve(file), required);
        List<CsvRecord> records = new ArrayList<>();
        reader.open(new ExecutionContext());
        try {
            for (CsvRecord r = reader.read(); r != null; r = reader.read()) {
                records.add(r);
            }
        } finally {
            reader.close();
        }
        return records;
    }

    @BeforeAll
    static void loadSamples() throws Exception {
        CtLicenseRowParser ctParser = new CtLicenseRowParser();
        cts = new ArrayList<>();
        for (CsvRecord r : readAll("ct-licenses.csv", CtLicenseRowParser.REQUIRED)) {
            CtLicenseRowParser.Result result = ctParser.parse(r);
            assertThat(result).as("ct-licenses.csv line %d", r.lineNumber()).isInstanceOf(CtLicenseRowParser.Valid.class);
            cts.add(((CtLicenseRowParser.Valid) result).license());
        }
        ProviderRowParser providerParser = new ProviderRowParser();
        providers = new ArrayList<>();
        for (CsvRecord r : readAll("provider-licenses.csv", ProviderFileColumns.REQUIRED)) {
            ProviderRow row = providerParser.process(r);
            assertThat(row).as("provider-licenses.csv line %d", r.lineNumber()).isInstanceOf(ProviderRow.Accepted.class);
            providers.add(((ProviderRow.Accepted) row).subscription());
        }
    }

    @Test
    @DisplayName("every sample row is valid: 394 CT records and 394 provider subscriptions")
    void everySampleRowIsValid() {
        assertThat(cts).hasSize(394);
        assertThat(providers).hasSize(394);
    }

    @Test
    @DisplayName("the in-memory reconciliation of the sample night equals expected-recon.csv, as a set")
    void reconciliationEqualsExpected() throws Exception {
        List<Outcome> expected = readAll("expected-recon.csv",
                List.of("subscription_id", "ct_license_id", "result", "quantity_delta", "monthly_amount_delta"))
                .stream()
                .map(r -> new Outcome(r.cell("subscription_id"), r.cell("ct_license_id"), r.cell("result"),
                        r.cell("quantity_delta"), r.cell("monthly_amount_delta")))
                .toList();
        assertThat(expected).hasSize(403);

        List<ReconciliationLine> lines = LicenseMatcher.reconcile(cts, providers, Set.of());

        assertThat(lines.stream().map(Outcome::of).toList()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    @DisplayName("completeness on the sample night: each CT record and each provider subscription in exactly one row")
    void sampleCompleteness() {
        List<ReconciliationLine> lines = LicenseMatcher.reconcile(cts, providers, Set.of());

        for (CtLicense ct : cts) {
            assertThat(lines).filteredOn(l -> ct.ctLicenseId().equals(l.ctLicenseId()))
                    .as("rows of CT record %s", ct.ctLicenseId()).hasSize(1);
        }
        for (ProviderSubscription p : providers) {
            assertThat(lines).filteredOn(l -> p.subscriptionId().equals(l.subscriptionId()) && l.providerQuantity() != null)
                    .as("rows of subscription %s", p.subscriptionId()).hasSize(1);
        }
        long pairs = lines.stream().filter(l -> l.ctLicenseId() != null && l.providerQuantity() != null).count();
        assertThat(lines).hasSize(cts.size() + providers.size() - (int) pairs);
    }

    @Test
    @DisplayName("with one customer unread, its CT records are NOT_AUDITED and none is MISSING_AT_PROVIDER")
    void unreadCustomerOnSampleData() {
        var tenant = cts.get(0).customerTenantId();
        List<ProviderSubscription> othersOnly = providers.stream().filter(p -> !p.customerTenantId().equals(tenant)).toList();

        List<ReconciliationLine> lines = LicenseMatcher.reconcile(cts, othersOnly, Set.of(tenant));

        long records = cts.stream().filter(c -> c.customerTenantId().equals(tenant)).count();
        assertThat(records).isPositive();
        assertThat(lines).filteredOn(l -> tenant.equals(l.customerTenantId()))
                .hasSize((int) records)
                .extracting(ReconciliationLine::result).containsOnly("NOT_AUDITED");
    }
}
