package com.licenserecon.ctlicense;

import com.licenserecon.csv.CsvRecord;
import com.licenserecon.csv.FieldError;
import com.licenserecon.csv.RowParser;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validates one row of a CT licenses file against the file-formats spec. */
public final class CtLicenseRowParser {

    public static final List<String> REQUIRED = List.of("ct_license_id", "customer_tenant_id", "sku_part_number",
            "display_name", "ct_licenses", "renewal_date", "status", "auto_renew");

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** Prices are stored with four decimals; a finer price would be silently rounded. */
    public static final int PRICE_SCALE = 4;

    public sealed interface Result {
    }

    public record Valid(long lineNumber, CtLicense license) implements Result {
    }

    public record Invalid(List<FieldError> errors) implements Result {
    }

    public Result parse(CsvRecord record) {
        RowParser row = new RowParser(record);
        var id = row.text("ct_license_id", true);
        var tenant = row.uuid("customer_tenant_id", true);
        var subscription = row.uuid("subscription_id", false);
        var sku = row.text("sku_part_number", true);
        var displayName = row.text("display_name", true);
        var licenses = row.integer("ct_licenses", true, 0);
        var renewal = row.date("renewal_date", true);
        var status = row.parse("status", true, "is not Active or Inactive", CtStatus::parse);
        var autoRenew = row.bool("auto_renew", true);
        var price = row.decimal("unit_price", false, PRICE_SCALE);
        var currency = row.parse("currency", false, "is not an ISO 4217 code such as USD",
                v -> CURRENCY.matcher(v).matches() ? Optional.of(v) : Optional.empty());
        if (id != null && id.length() > 100) {
            row.reject("ct_license_id", id, "is longer than 100 characters");
        }
        if (!row.isValid()) {
            return new Invalid(row.errors());
        }
        return new Valid(record.lineNumber(), new CtLicense(id, tenant, subscription, sku, displayName, licenses,
                renewal, status, autoRenew, price, currency));
    }
}
