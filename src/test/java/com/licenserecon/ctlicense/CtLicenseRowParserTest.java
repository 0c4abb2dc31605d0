package com.licenserecon.ctlicense;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.csv.CsvHeader;
import com.licenserecon.csv.CsvRecord;
import com.licenserecon.csv.FieldError;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The "CT licenses (input for loading CT license records)" table of file-formats.md, one row at a time. */
class CtLicenseRowParserTest {

    private static final String FILE = "ct-licenses.csv";
    private static final long LINE = 42;
    private static final String TENANT = "b8a1abcd-1a69-46c7-8da4-f9fc3c6da5d7";
    private static final String SUBSCRIPTION = "d9196ada-4fcf-4583-a1df-8af9b474c7e8";

    private final CtLicenseRowParser parser = new CtLicenseRowParser();

    private static Map<String, String> validRow() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("ct_license_id", "500004");
        row.put("customer_tenant_id", TENANT);
        row.put("subscription_id", SUBSCRIPTION);
        row.put("sku_part_number", "SPE_E5");
        row.put("display_name", "Microsoft 365 E5");
        row.put("ct_licenses", "214");
        row.put("renewal_date", "2027-04-29");
        row.put("status", "Active");
        row.put("auto_renew", "Yes");
        row.put("unit_price", "57.00");
        row.put("currency", "USD");
        return row;
    }

    private static CsvRecord record(Map<String, String> row) {
        String[] header = row.keySet().toArray(String[]::new);
        return new CsvRecord(FILE, LINE, row.values().toArray(String[]::new),
                CsvHeader.of(header, FILE, CtLicenseRowParser.REQUIRED));
    }

    private CtLicenseRowParser.Result parseWith(String column, String value) {
        Map<String, String> row = validRow();
        row.put(column, value);
        return parser.parse(record(row));
    }

    private static CtLicense valid(CtLicenseRowParser.Result result) {
        assertThat(result).isInstanceOf(CtLicenseRowParser.Valid.class);
        return ((CtLicenseRowParser.Valid) result).license();
    }

    private static List<FieldError> errors(CtLicenseRowParser.Result result) {
        assertThat(result).isInstanceOf(CtLicenseRowParser.Invalid.class);
        return ((CtLicenseRowParser.Invalid) result).errors();
    }

    private static FieldError onlyError(CtLicenseRowParser.Result result) {
        List<FieldError> errors = errors(result);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    @DisplayName("a valid row is accepted with every column mapped")
    void validRowIsAccepted() {
        CtLicenseRowParser.Result result = parser.parse(record(validRow()));

        assertThat(((CtLicenseRowParser.Valid) result).lineNumber()).isEqualTo(LINE);
        CtLicense ct = valid(result);
        assertThat(ct.ctLicenseId()).isEqualTo("500004");
        assertThat(ct.customerTenantId()).isEqualTo(UUID.fromString(TENANT));
        assertThat(ct.subscriptionId()).isEqualTo(UUID.fromString(SUBSCRIPTION));
        assertThat(ct.isLinked()).isTrue();
        assertThat(ct.skuPartNumber()).isEqualTo("SPE_E5");
        assertThat(ct.displayName()).isEqualTo("Microsoft 365 E5");
        assertThat(ct.ctLicenses()).isEqualTo(214);
        assertThat(ct.renewalDate()).isEqualTo(LocalDate.of(2027, 4, 29));
        assertThat(ct.status()).isEqualTo(CtStatus.Active);
        assertThat(ct.autoRenew()).isTrue();
        assertThat(ct.unitPrice()).isEqualByComparingTo("57.00");
        assertThat(ct.currency()).isEqualTo("USD");
    }

    @Test
    @DisplayName("a blank subscription_id is an unlinked record")
    void blankSubscriptionIdIsUnlinked() {
        CtLicense ct = valid(parseWith("subscription_id", ""));

        assertThat(ct.subscriptionId()).isNull();
        assertThat(ct.isLinked()).isFalse();
    }

    @Test
    @DisplayName("a blank unit_price is null (no price), not 0")
    void blankPriceIsNull() {
        assertThat(valid(parseWith("unit_price", "")).unitPrice()).isNull();
    }

    @Test
    @DisplayName("a blank currency is null")
    void blankCurrencyIsNull() {
        assertThat(valid(parseWith("currency", "")).currency()).isNull();
    }

    @Test
    @DisplayName("a file without the optional columns is accepted, optional values null")
    void onlyRequiredColumns() {
        Map<String, String> row = new LinkedHashMap<>(validRow());
        row.keySet().retainAll(CtLicenseRowParser.REQUIRED);

        CtLicense ct = valid(parser.parse(record(row)));

        assertThat(ct.subscriptionId()).isNull();
        assertThat(ct.unitPrice()).isNull();
        assertThat(ct.currency()).isNull();
        assertThat(ct.ctLicenses()).isEqualTo(214);
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({
            "Yes, true", "YES, true", "yes, true", "No, false", "NO, false", "no, false",
            "true, true", "TRUE, true", "False, false", "false, false", "1, true", "0, false",
    })
    @DisplayName("Auto Renew accepts true/false, yes/no, 1/0 in any case")
    void booleans(String text, boolean expected) {
        assertThat(valid(parseWith("auto_renew", text)).autoRenew()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Active, Active", "Inactive, Inactive"})
    @DisplayName("Status Active and Inactive are accepted")
    void statuses(String text, CtStatus expected) {
        assertThat(valid(parseWith("status", text)).status()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, 0", "12.5, 12.5", "8.00, 8", "19.9999, 19.9999", "0.0001, 0.0001"})
    @DisplayName("unit_price is an exact decimal >= 0")
    void prices(String text, String expected) {
        assertThat(valid(parseWith("unit_price", text)).unitPrice()).isEqualByComparingTo(expected);
    }

    @Test
    @DisplayName("ct_licenses 0 is accepted (integer >= 0)")
    void zeroLicenses() {
        assertThat(valid(parseWith("ct_licenses", "0")).ctLicenses()).isZero();
    }

    @ParameterizedTest(name = "{0} = ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            "customer_tenant_id | not-a-uuid                           | is not a UUID",
            "customer_tenant_id | b8a1abcd1a6946c78da4f9fc3c6da5d7     | is not a UUID",
            "subscription_id    | 42                                   | is not a UUID",
            "subscription_id    | d9196ada-4fcf-4583-a1df-8af9b474c7eg | is not a UUID",
            "ct_licenses        | many                                 | is not an integer",
            "ct_licenses        | 3.0                                  | is not an integer",
            "ct_licenses        | -1                                   | must be an integer >= 0",
            "renewal_date       | 2027-02-29                           | is not a date",
            "renewal_date       | 29/04/2027                           | is not a date",
            "renewal_date       | 2027-04-29T00:00:00Z                 | is not a date",
            "status             | Pending                              | is not Active or Inactive",
            "status             | Enabled                              | is not Active or Inactive",
            "auto_renew         | Y                                    | is not a boolean",
            "auto_renew         | on                                   | is not a boolean",
            "unit_price         | cheap                                | is not a decimal number",
            "unit_price         | 12,50                                | is not a decimal number",
            "unit_price         | -1.00                                | must be >= 0",
            "unit_price         | 1.23456                              | has more than 4 decimal places",
            "unit_price         | 1000000000000000                     | has more than 15 digits before the decimal point",
            "currency           | usd                                  | is not an ISO 4217 code",
            "currency           | US                                   | is not an ISO 4217 code",
            "currency           | USDT                                 | is not an ISO 4217 code",
    })
    @DisplayName("a bad value makes the row invalid, naming the column, the value and the reason")
    void badValue(String column, String value, String reason) {
        FieldError error = onlyError(parseWith(column, value));

        assertThat(error.column()).isEqualTo(column);
        assertThat(error.value()).isEqualTo(value);
        assertThat(error.reason()).contains(reason);
        assertThat(error.file()).isEqualTo(FILE);
        assertThat(error.lineNumber()).isEqualTo(LINE);
    }

    @Test
    @DisplayName("a ct_license_id longer than 100 characters is invalid")
    void tooLongId() {
        String id = "X".repeat(101);

        FieldError error = onlyError(parseWith("ct_license_id", id));

        assertThat(error.column()).isEqualTo("ct_license_id");
        assertThat(error.value()).isEqualTo(id);
        assertThat(error.reason()).contains("100");
    }

    @Test
    @DisplayName("a ct_license_id of exactly 100 characters is accepted")
    void hundredCharacterId() {
        assertThat(valid(parseWith("ct_license_id", "X".repeat(100))).ctLicenseId()).hasSize(100);
    }

    static List<String> requiredColumns() {
        return CtLicenseRowParser.REQUIRED;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredColumns")
    @DisplayName("a blank required value is invalid as required")
    void missingRequiredValue(String column) {
        FieldError error = onlyError(parseWith(column, ""));

        assertThat(error.column()).isEqualTo(column);
        assertThat(error.value()).isNullOrEmpty();
        assertThat(error.reason()).isEqualTo("is required");
    }

    @Test
    @DisplayName("the required columns are those of the spec's table")
    void requiredColumnsMatchTheSpec() {
        assertThat(CtLicenseRowParser.REQUIRED).containsExactlyInAnyOrder("ct_license_id", "customer_tenant_id",
                "sku_part_number", "display_name", "ct_licenses", "renewal_date", "status", "auto_renew");
    }

    @Test
    @DisplayName("a whitespace-only required value counts as blank")
    void whitespaceOnlyIsBlank() {
        FieldError error = onlyError(parseWith("display_name", "   "));

        assertThat(error.column()).isEqualTo("display_name");
        assertThat(error.reason()).isEqualTo("is required");
    }

    @Test
    @DisplayName("a row with fewer fields than the header is invalid, giving both counts")
    void tooFewFields() {
        Map<String, String> row = validRow();
        String[] header = row.keySet().toArray(String[]::new);
        String[] values = Arrays.copyOf(row.values().toArray(String[]::new), header.length - 2); // no price, currency
        CsvRecord record = new CsvRecord(FILE, LINE, values, CsvHeader.of(header, FILE, CtLicenseRowParser.REQUIRED));

        assertThat(errors(parser.parse(record))).singleElement().satisfies(e -> {
            assertThat(e.column()).isEqualTo("(row)");
            assertThat(e.reason()).contains("9").contains("11");
            assertThat(e.lineNumber()).isEqualTo(LINE);
        });
    }

    @Test
    @DisplayName("a row with more fields than the header is invalid")
    void tooManyFields() {
        Map<String, String> row = validRow();
        String[] header = row.keySet().toArray(String[]::new);
        String[] values = Arrays.copyOf(row.values().toArray(String[]::new), header.length + 1);
        values[header.length] = "surplus";
        CsvRecord record = new CsvRecord(FILE, LINE, values, CsvHeader.of(header, FILE, CtLicenseRowParser.REQUIRED));

        assertThat(errors(parser.parse(record))).singleElement().satisfies(e -> {
            assertThat(e.column()).isEqualTo("(row)");
            assertThat(e.reason()).contains("12").contains("11");
        });
    }

    @Test
    @DisplayName("every bad value of a row is reported at once")
    void everyBadValueIsReported() {
        Map<String, String> row = validRow();
        row.put("ct_licenses", "-2");
        row.put("status", "Unknown");
        row.put("unit_price", "abc");

        assertThat(errors(parser.parse(record(row)))).extracting(FieldError::column)
                .containsExactlyInAnyOrder("ct_licenses", "status", "unit_price");
    }
}
