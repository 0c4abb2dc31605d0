package com.licenserecon.seatchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.provider.Commitment;
import com.licenserecon.provider.ProviderStatus;
import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.provider.RefundableBatch;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample night of {@code shared/samples}: all 80 requests of {@code seat-changes.csv} decided in one run at
 * 2026-11-26T02:00:00Z give {@code expected-changes.csv}.
 *
 * <p>"Billed" (rule 2) follows the reconciliation matching: a CT record linked by {@code subscription_id}, or an
 * unlinked CT record that is the only one of its (tenant, SKU) and finds exactly one provider subscription of that
 * pair not linked by id. The expected file needs the second part: k-000021 and k-000036 are on subscriptions
 * billed only by such an unlinked record, and the expected results apply the rules to them (WAITING_FOR_WINDOW and
 * APPLIED), not NOT_BILLED. k-000019 shows the other side: its unlinked record has two candidate subscriptions
 * (ambiguous), and the expected result is NOT_BILLED.
 */
class SampleSeatChangesTest {

    private static final Instant T = Instant.parse("2026-11-26T02:00:00Z");

    private record Row(Map<String, String> values) {
        String get(String column) {
            return Objects.requireNonNull(values.get(column), () -> "no column " + column).strip();
        }
    }

    private record TenantSku(String tenant, String sku) {
    }

    /** The columns of expected-changes.csv. */
    private record Outcome(String status, String reasonCode, String quantityAfter, String eligibleFrom) {
    }

    private static List<Row> providerRows;
    private static List<Row> ctRows;
    private static List<Row> requestRows;
    private static Map<String, Outcome> expected;
    private static Map<UUID, ProviderSubscription> subscriptions;

    @BeforeAll
    static void readSamples() throws IOException {
        Path dir = com.licenserecon.support.SampleData.DIR;
        providerRows = read(dir.resolve("provider-licenses.csv"));
        ctRows = read(dir.resolve("ct-licenses.csv"));
        requestRows = read(dir.resolve("seat-changes.csv"));
        expected = read(dir.resolve("expected-changes.csv")).stream().collect(Collectors.toMap(r -> r.get("request_key"),
                r -> new Outcome(r.get("status"), r.get("reason_code"), r.get("quantity_after"), r.get("eligible_from")),
                (a, b) -> {
                    throw new IllegalStateException("duplicate request_key");
                }, LinkedHashMap::new));
        subscriptions = new HashMap<>();
        for (Row row : providerRows) {
            ProviderSubscription s = subscription(row);
            subscriptions.put(s.subscriptionId(), s);
        }
    }

    @Test
    void the_sample_run_gives_the_expected_changes_for_every_request() {
        Map<String, Outcome> actual = runSample(billedSubscriptions(true));

        assertThat(requestRows).hasSize(80);
        assertThat(expected).hasSize(80);
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void the_expected_changes_count_a_unique_unlinked_CT_record_as_billing() {
        Map<String, Outcome> linkedOnly = runSample(billedSubscriptions(false));

        Set<String> differing = expected.keySet().stream()
                .filter(key -> !expected.get(key).equals(linkedOnly.get(key)))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertThat(differing).containsExactly("k-000021", "k-000036");
        assertThat(differing).allSatisfy(key -> assertThat(linkedOnly.get(key).reasonCode()).isEqualTo("NOT_BILLED"));
    }

    @Test
    void an_ambiguous_unlinked_CT_record_does_not_bill() {
        Map<String, Outcome> actual = runSample(billedSubscriptions(true));

        assertThat(actual.get("k-000019")).isEqualTo(new Outcome("REJECTED", "NOT_BILLED", "", ""));
    }

    private static Map<String, Outcome> runSample(Set<UUID> billed) {
        Map<UUID, String> keys = new HashMap<>();
        List<SeatChangeRequest> queued = new ArrayList<>();
        for (Row row : requestRows) {
            String key = row.get("request_key");
            UUID requestId = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
            keys.put(requestId, key);
            queued.add(new SeatChangeRequest(requestId, UUID.fromString(row.get("subscription_id")),
                    ChangeKind.parse(row.get("change")).orElseThrow(), Integer.parseInt(row.get("amount")),
                    Instant.parse(row.get("requested_at"))));
        }

        SeatChangeRun.Result result = SeatChangeRun.decide(queued, subscriptions, billed, T);

        Map<String, Outcome> actual = new LinkedHashMap<>();
        for (SeatChangeRun.Decided decided : result.decisions()) {
            SeatChangeDecision d = decided.decision();
            actual.put(keys.get(decided.request().requestId()), new Outcome(d.status().name(), text(d.reasonCode()),
                    text(d.quantityAfter()), text(d.eligibleFrom())));
        }
        return actual;
    }

    /**
     * Subscriptions with a CT record: linked by id, and (when {@code unlinkedToo}) the one provider subscription of
     * a (tenant, SKU) not linked by id when exactly one unlinked CT record has that pair.
     */
    private static Set<UUID> billedSubscriptions(boolean unlinkedToo) {
        Set<UUID> billed = new HashSet<>();
        for (Row ct : ctRows) {
            if (!ct.get("subscription_id").isEmpty()) {
                billed.add(UUID.fromString(ct.get("subscription_id")));
            }
        }
        if (!unlinkedToo) {
            return billed;
        }
        Function<Row, TenantSku> pair = r -> new TenantSku(r.get("customer_tenant_id").toLowerCase(Locale.ROOT),
                r.get("sku_part_number"));
        Map<TenantSku, Long> unlinkedRecords = ctRows.stream().filter(ct -> ct.get("subscription_id").isEmpty())
                .collect(Collectors.groupingBy(pair, Collectors.counting()));
        Set<UUID> linkedIds = Set.copyOf(billed);
        Map<TenantSku, List<UUID>> freeSubscriptions = providerRows.stream()
                .filter(p -> !linkedIds.contains(UUID.fromString(p.get("subscription_id"))))
                .collect(Collectors.groupingBy(pair,
                        Collectors.mapping(p -> UUID.fromString(p.get("subscription_id")), Collectors.toList())));
        unlinkedRecords.forEach((key, count) -> {
            List<UUID> free = freeSubscriptions.getOrDefault(key, List.of());
            if (count == 1 && free.size() == 1) {
                billed.add(free.get(0));
            }
        });
        return billed;
    }

    private static ProviderSubscription subscription(Row row) {
        String assigned = row.get("assigned");
        return new ProviderSubscription(UUID.fromString(row.get("customer_tenant_id")), row.get("customer_name"),
                UUID.fromString(row.get("subscription_id")), row.get("offer_id"), row.get("sku_part_number"),
                row.get("display_name"), Integer.parseInt(row.get("quantity")),
                assigned.isEmpty() ? null : Integer.valueOf(assigned),
                ProviderStatus.parse(row.get("status")).orElseThrow(), bool(row.get("auto_renew")),
                Commitment.parse(row.get("commitment")).orElseThrow(), row.get("term_duration"),
                row.get("billing_cycle"), LocalDate.parse(row.get("term_start")), LocalDate.parse(row.get("term_end")),
                RefundableBatch.parseAll(row.get("refundable")).orElseThrow());
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean: " + text);
        };
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static List<Row> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVReader csv = new CSVReaderBuilder(reader).withCSVParser(new RFC4180ParserBuilder().build()).build()) {
            List<String[]> lines = csv.readAll();
            String[] header = lines.get(0);
            header[0] = header[0].replace("\uFEFF", "");
            List<Row> rows = new ArrayList<>();
            for (String[] line : lines.subList(1, lines.size())) {
                if (line.length == 1 && line[0].isBlank()) {
                    continue;
                }
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    values.put(header[i].strip().toLowerCase(Locale.ROOT), i < line.length ? line[i] : "");
                }
                rows.add(new Row(values));
            }
            return rows;
        } catch (com.opencsv.exceptions.CsvException e) {
            throw new IOException("cannot read " + file, e);
        }
    }
}
