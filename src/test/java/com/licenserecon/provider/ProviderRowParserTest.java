package com.licenserecon.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.csv.CsvHeader;
import com.licenserecon.csv.CsvRecord;
import com.licenserecon.csv.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The "Provider licenses (input)" table of file-formats.md, one row at a time. */
class ProviderRowParserTest {

    private static final String FILE = "provider-licenses.csv";
    private static final long LINE = 17;
    private static final String TENANT = "b8a1abcd-1a69-46c7-8da4-f9fc3c6da5d7";
    private static final String SUBSCRIPTION = "c3e1b258-fd72-4452-8cea-71ff4a14876a";

    private final ProviderRowParser parser = new ProviderRowParser();

    private static Map<String, String> validRow() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("customer_tenant_id", TENANT);
        row.put("customer_name", "Customer 0000000 Ltd");
        row.put("subscription_id", SUBSCRIPTION);
        row.put("offer_id", "CFQ7TTC0LH18:0001:CFQ7TTC0K971");
        row.put("sku_part_number", "SPE_E3");
        row.put("display_name", "Microsoft 365 E3");
        row.put("quantity", "89");
        row.put("assigned", "33");
        row.put("status", "active");
        row.put("auto_renew", "false");
        row.put("commitment", "NCE");
        row.put("term_duration", "P1Y");
        row.put("billing_cycle", "annual");
        row.put("term_start", "2026-07-08");
        row.put("term_end", "2027-07-07");
        row.put("refundable", "10@2026-11-14T00:00:00Z;5@2026-11-29T13:05:00Z");
        return row;
    }

    private static CsvRecord record(Map<String, String> row) {
        String[] header = row.keySet().toArray(String[]::new);
        return new CsvRecord(FILE, LINE, row.values().toArray(String[]::new),
                CsvHeader.of(header, FILE, ProviderFileColumns.REQUIRED));
    }

    private ProviderRow parseWith(String column, String value) {
        Map<String, String> row = validRow();
        row.put(column, value);
        return parser.process(record(row));
    }

    private static ProviderSubscription accepted(ProviderRow row) {
        assertThat(row).isInstanceOf(ProviderRow.Accepted.class);
        return ((ProviderRow.Accepted) row).subscription();
    }

    private static FieldError onlyError(ProviderRow row) {
        assertThat(row).isInstanceOf(ProviderRow.Rejected.class);
        List<FieldError> errors = ((ProviderRow.Rejected) row).errors();
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    @DisplayName("a valid row is accepted with every column mapped")
    void validRowIsAccepted() {
        ProviderRow row = parser.process(record(validRow()));

        assertThat(row.lineNumber()).isEqualTo(LINE);
        ProviderSubscription s = accepted(row);
        assertThat(s.customerTenantId()).isEqualTo(UUID.fromString(TENANT));
        assertThat(s.customerName()).isEqualTo("Customer 0000000 Ltd");
        assertThat(s.subscriptionId()).isEqualTo(UUID.fromString(SUBSCRIPTION));
        assertThat(s.offerId()).isEqualTo("CFQ7TTC0LH18:0001:CFQ7TTC0K971");
        assertThat(s.skuPartNumber()).isEqualTo("SPE_E3");
        assertThat(s.displayName()).isEqualTo("Microsoft 365 E3");
        assertThat(s.quantity()).isEqualTo(89);
        assertThat(s.assigned()).isEqualTo(33);
        assertThat(s.status()).isEqualTo(ProviderStatus.ACTIVE);
        assertThat(s.autoRenew()).isFalse();
        assertThat(s.commitment()).isEqualTo(Commitment.NCE);
        assertThat(s.termDuration()).isEqualTo("P1Y");
        assertThat(s.billingCycle()).isEqualTo("annual");
        assertThat(s.termStart()).isEqualTo(LocalDate.of(2026, 7, 8));
        assertThat(s.termEnd()).isEqualTo(LocalDate.of(2027, 7, 7));
        assertThat(s.renewalDate()).isEqualTo(LocalDate.of(2027, 7, 8));
        assertThat(s.refundable()).containsExactly(
                new RefundableBatch(10, Instant.parse("2026-11-14T00:00:00Z")),
                new RefundableBatch(5, Instant.parse("2026-11-29T13:05:00Z")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"customer_name", "offer_id", "display_name", "assigned", "term_duration", "billing_cycle"})
    @DisplayName("a blank optional field is null")
    void blankOptionalFieldIsNull(String column) {
        ProviderSubscription s = accepted(parseWith(column, ""));

        Object value = switch (column) {
            case "customer_name" -> s.customerName();
            case "offer_id" -> s.offerId();
            case "display_name" -> s.displayName();
            case "assigned" -> s.assigned();
            case "term_duration" -> s.termDuration();
            case "billing_cycle" -> s.billingCycle();
            default -> throw new IllegalArgumentException(column);
        };
        assertThat(value).isNull();
    }

    @Test
    @DisplayName("a blank refundable field is no refundable batches")
    void blankRefundableIsEmpty() {
        assertThat(accepted(parseWith("refundable", "")).refundable()).isEmpty();
    }

    @Test
    @DisplayName("a file with only the required columns is accepted, optional values null")
    void onlyRequiredColumns() {
        Map<String, String> row = new LinkedHashMap<>(validRow());
        row.keySet().retainAll(ProviderFileColumns.REQUIRED);

        ProviderSubscription s = accepted(parser.process(record(row)));

        assertThat(s.customerName()).isNull();
        assertThat(s.offerId()).isNull();
        assertThat(s.displayName()).isNull();
        assertThat(s.assigned()).isNull();
        assertThat(s.termDuration()).isNull();
        assertThat(s.billingCycle()).isNull();
        assertThat(s.refundable()).isEmpty();
        assertThat(s.quantity()).isEqualTo(89);
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({
            "true, true", "TRUE, true", "True, true",
            "false, false", "FALSE, false", "False, false",
            "yes, true", "YES, true", "Yes, true",
            "no, false", "NO, false", "No, false",
            "1, true", "0, false",
    })
    @DisplayName("auto_renew accepts true/false, yes/no, 1/0 in any case")
    void booleans(String text, boolean expected) {
        assertThat(accepted(parseWith("auto_renew", text)).autoRenew()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"active, ACTIVE", "pending, PENDING", "suspended, SUSPENDED", "expired, EXPIRED",
            "disabled, DISABLED", "deleted, DELETED"})
    @DisplayName("each of the six Partner Center statuses is accepted")
    void statuses(String text, ProviderStatus expected) {
        assertThat(accepted(parseWith("status", text)).status()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"NCE, NCE", "LEGACY, LEGACY"})
    @DisplayName("commitment NCE and LEGACY are accepted")
    void commitments(String text, Commitment expected) {
        assertThat(accepted(parseWith("commitment", text)).commitment()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"P1M", "P1Y", "P3Y"})
    @DisplayName("term_duration P1M, P1Y, P3Y are accepted")
    void termDurations(String text) {
        assertThat(accepted(parseWith("term_duration", text)).termDuration()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"monthly", "annual", "triennial", "none"})
    @DisplayName("billing_cycle monthly, annual, triennial, none are accepted")
    void billingCycles(String text) {
        assertThat(accepted(parseWith("billing_cycle", text)).billingCycle()).isEqualTo(text);
    }

    @Test
    @DisplayName("quantity 0 is accepted (integer >= 0)")
    void zeroQuantityIsAccepted() {
        assertThat(accepted(parseWith("quantity", "0")).quantity()).isZero();
    }

    @Test
    @DisplayName("assigned 0 is accepted (integer >= 0)")
    void zeroAssignedIsAccepted() {
        assertThat(accepted(parseWith("assigned", "0")).assigned()).isZero();
    }

    @Test
    @DisplayName("a one-day term (term_end = term_start) is accepted")
    void termEndEqualToTermStartIsAccepted() {
        Map<String, String> row = validRow();
        row.put("term_start", "2026-11-26");
        row.put("term_end", "2026-11-26");

        assertThat(accepted(parser.process(record(row))).termEnd()).isEqualTo(LocalDate.of(2026, 11, 26));
    }

    @ParameterizedTest(name = "{0} = ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            "customer_tenant_id | not-a-uuid                              | is not a UUID",
            "customer_tenant_id | b8a1abcd-1a69-46c7-8da4-f9fc3c6da5d     | is not a UUID",
            "subscription_id    | 12345                                   | is not a UUID",
            "subscription_id    | c3e1b258fd7244528cea71ff4a14876a        | is not a UUID",
            "quantity           | ten                                     | is not an integer",
            "quantity           | 2.5                                     | is not an integer",
            "quantity           | 99999999999                             | is not an integer",
            "quantity           | -1                                      | must be an integer >= 0",
            "assigned           | -3                                      | must be an integer >= 0",
            "assigned           | x                                       | is not an integer",
            "status             | cancelled                               | is not one of active, pending, suspended, expired, disabled, deleted",
            "auto_renew         | maybe                                   | is not a boolean",
            "auto_renew         | Y                                       | is not a boolean",
            "auto_renew         | 2                                       | is not a boolean",
            "commitment         | CSP                                     | is not NCE or LEGACY",
            "term_duration      | P2Y                                     | is not one of P1M, P1Y, P3Y",
            "billing_cycle      | weekly                                  | is not one of monthly, annual, triennial, none",
            "term_start         | 2026-13-01                              | is not a date",
            "term_start         | 2026-02-30                              | is not a date",
            "term_start         | 08/07/2026                              | is not a date",
            "term_end           | 2027-7-7                                | is not a date",
            "refundable         | 10                                      | is not a list of quantity@instant pairs",
            "refundable         | ten@2026-11-14T00:00:00Z                | is not a list of quantity@instant pairs",
            "refundable         | -1@2026-11-14T00:00:00Z                 | is not a list of quantity@instant pairs",
            "refundable         | 10@yesterday                            | is not a list of quantity@instant pairs",
            "refundable         | 10@2026-11-14                           | is not a list of quantity@instant pairs",
            "refundable         | 10@2026-11-14T00:00:00Z,5@2026-11-29T13:05:00Z | is not a list of quantity@instant pairs",
    })
    @DisplayName("a bad value rejects the row, naming the column, the value and the reason")
    void badValueIsRejected(String column, String value, String reason) {
        FieldError error = onlyError(parseWith(column, value));

        assertThat(error.column()).isEqualTo(column);
        assertThat(error.value()).isEqualTo(value);
        assertThat(error.reason()).contains(reason);
        assertThat(error.file()).isEqualTo(FILE);
        assertThat(error.lineNumber()).isEqualTo(LINE);
    }

    @Test
    @DisplayName("term_end before term_start is rejected on term_end, naming term_start")
    void termEndBeforeTermStartIsRejected() {
        Map<String, String> row = validRow();
        row.put("term_start", "2026-07-08");
        row.put("term_end", "2026-07-07");

        FieldError error = onlyError(parser.process(record(row)));

        assertThat(error.column()).isEqualTo("term_end");
        assertThat(error.value()).isEqualTo("2026-07-07");
        assertThat(error.reason()).contains("term_start").contains("2026-07-08");
    }

    static List<String> requiredColumns() {
        return ProviderFileColumns.REQUIRED;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredColumns")
    @DisplayName("a blank required value is rejected as required")
    void missingRequiredValue(String column) {
        FieldError error = onlyError(parseWith(column, ""));

        assertThat(error.column()).isEqualTo(column);
        assertThat(error.value()).isNullOrEmpty();
        assertThat(error.reason()).isEqualTo("is required");
    }

    @Test
    @DisplayName("the required columns are those of the spec's table")
    void requiredColumnsMatchTheSpec() {
        assertThat(ProviderFileColumns.REQUIRED).containsExactlyInAnyOrder("customer_tenant_id", "subscription_id",
                "sku_part_number", "quantity", "status", "auto_renew", "commitment", "term_start", "term_end");
    }

    @Test
    @DisplayName("a row with fewer fields than the header is rejected, giving both counts")
    void tooFewFields() {
        Map<String, String> row = validRow();
        String[] header = row.keySet().toArray(String[]::new);
        String[] values = Arrays.copyOf(row.values().toArray(String[]::new), header.length - 1); // drops refundable
        CsvRecord record = new CsvRecord(FILE, LINE, values, CsvHeader.of(header, FILE, ProviderFileColumns.REQUIRED));

        ProviderRow result = parser.process(record);

        assertThat(result).isInstanceOf(ProviderRow.Rejected.class);
        assertThat(((ProviderRow.Rejected) result).errors()).singleElement().satisfies(e -> {
            assertThat(e.column()).isEqualTo("(row)");
            assertThat(e.reason()).contains("15").contains("16");
            assertThat(e.lineNumber()).isEqualTo(LINE);
        });
    }

    @Test
    @DisplayName("a row with more fields than the header is rejected, giving both counts")
    void tooManyFields() {
        Map<String, String> row = validRow();
        String[] header = row.keySet().toArray(String[]::new);
        String[] values = Arrays.copyOf(row.values().toArray(String[]::new), header.length + 1);
        values[header.length] = "extra";
        CsvRecord record = new CsvRecord(FILE, LINE, values, CsvHeader.of(header, FILE, ProviderFileColumns.REQUIRED));

        ProviderRow result = parser.process(record);

        assertThat(result).isInstanceOf(ProviderRow.Rejected.class);
        assertThat(((ProviderRow.Rejected) result).errors()).singleElement().satisfies(e -> {
            assertThat(e.column()).isEqualTo("(row)");
            assertThat(e.reason()).contains("17").contains("16");
        });
    }

    @Test
    @DisplayName("every bad value of a row is reported at once")
    void everyBadValueIsReported() {
        Map<String, String> row = validRow();
        row.put("quantity", "-5");
        row.put("status", "gone");
        row.put("subscription_id", "");

        ProviderRow result = parser.process(record(row));

        assertThat(result).isInstanceOf(ProviderRow.Rejected.class);
        assertThat(result.lineNumber()).isEqualTo(LINE);
        assertThat(((ProviderRow.Rejected) result).errors()).extracting(FieldError::column)
                .containsExactlyInAnyOrder("quantity", "status", "subscription_id");
    }

    @Test
    @DisplayName("a rejection describes file, line, column and value for a person to fix it")
    void rejectionDescription() {
        FieldError error = onlyError(parseWith("quantity", "ten"));

        assertThat(error.describe()).isEqualTo("provider-licenses.csv line 17, column quantity, value 'ten': is not an integer");
    }

    @Nested
    @DisplayName("ProviderStatus and Commitment")
    class Enums {

        @Test
        @DisplayName("wire values are the six lowercase Partner Center statuses")
        void wireValues() {
            assertThat(Arrays.stream(ProviderStatus.values()).map(ProviderStatus::wireValue))
                    .containsExactly("active", "pending", "suspended", "expired", "disabled", "deleted");
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"", "activ", "cancelled", "inactive"})
        @DisplayName("an unknown status does not parse")
        void unknownStatus(String text) {
            assertThat(ProviderStatus.parse(text)).isEmpty();
        }

        @ParameterizedTest(name = "''{0}''")
        @ValueSource(strings = {"", "CSP", "NCE2", "legacyy"})
        @DisplayName("an unknown commitment does not parse")
        void unknownCommitment(String text) {
            assertThat(Commitment.parse(text)).isEmpty();
        }
    }
}
