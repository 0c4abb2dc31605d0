package com.licenserecon.seatchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.report.RenewalWindowsReport;
import com.licenserecon.support.CsvFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** renewal-windows-<date>.csv on the sample night, checked against the provider snapshot and the queue. */
class RenewalWindowsReportTest extends SeatChangeNight {

    private static final Duration HORIZON = Duration.ofDays(30);

    /** A subscription of the latest snapshot as the window rule needs it. */
    private record Sub(String commitment, boolean autoRenew, LocalDate termEnd, String refundable, int quantity,
            Integer assigned, String termDuration) {
    }

    @Test
    void theSampleNightListsTheNceSubscriptionsWhoseWindowIsOpenOrOpensWithin30Days() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();

        apply(T);

        Path report = report("renewal-windows", T);
        assertThat(report).exists();
        assertThat(CsvFiles.header(report)).containsExactly(RenewalWindowsReport.HEADER);
        List<Map<String, String>> windows = rows(report, "WINDOW");
        assertThat(windows).isNotEmpty();
        Map<UUID, Sub> subs = subscriptions();
        Map<UUID, Long> queuedDecrease = queuedDecreases();
        SoftAssertions softly = new SoftAssertions();
        for (Map<String, String> row : windows) {
            UUID id = UUID.fromString(row.get("subscription_id"));
            Sub sub = subs.get(id);
            softly.assertThat(sub).as("%s is in the snapshot", id).isNotNull();
            if (sub == null) {
                continue;
            }
            softly.assertThat(sub.commitment()).as("%s commitment", id).isEqualTo("NCE");
            Instant opens = Instant.parse(row.get("window_opens"));
            Instant closes = Instant.parse(row.get("window_closes"));
            softly.assertThat(opens).as("%s opens before it closes", id).isBefore(closes);
            boolean containsT = !opens.isAfter(T) && closes.isAfter(T);
            boolean opensSoon = opens.isAfter(T) && !opens.isAfter(T.plus(HORIZON));
            softly.assertThat(containsT || opensSoon).as("%s window %s..%s is open at T or opens within 30 days", id,
                    opens, closes).isTrue();
            softly.assertThat(row.get("quantity")).as("%s quantity", id).isEqualTo(Integer.toString(sub.quantity()));
            softly.assertThat(row.get("assigned")).as("%s assigned", id).isEqualTo(text(sub.assigned()));
            softly.assertThat(row.get("unused_seats")).as("%s unused", id).isEqualTo(
                    sub.assigned() == null ? "" : Integer.toString(Math.max(0, sub.quantity() - sub.assigned())));
            softly.assertThat(row.get("auto_renew")).as("%s auto_renew", id).isEqualTo(Boolean.toString(sub.autoRenew()));
            softly.assertThat(row.get("queued_decrease")).as("%s queued_decrease", id)
                    .isEqualTo(text(queuedDecrease.get(id)));
        }
        softly.assertAll();
        assertThat(windows).extracting(r -> r.get("subscription_id")).doesNotHaveDuplicates();
    }

    @Test
    void everyNceSubscriptionWithAnOpenOrComingWindowIsListed() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();

        apply(T);

        // Independently of the product: open now = some refundable batch still open at T; coming = auto-renew
        // on and the renewal (term_end + 1 day) within (T, T + 30 days].
        Set<String> expected = subscriptions().entrySet().stream()
                .filter(e -> e.getValue().commitment().equals("NCE"))
                .filter(e -> openAt(e.getValue().refundable()) || comingRenewal(e.getValue()))
                .map(e -> e.getKey().toString()).collect(Collectors.toSet());
        assertThat(rows(report("renewal-windows", T), "WINDOW")).extracting(r -> r.get("subscription_id"))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theSampleNightMissesNoWindow() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();

        apply(T);

        assertThat(count("SELECT COUNT(*) FROM seat_change_request WHERE status = 'QUEUED' AND window_closes <= '"
                + T + "'")).isZero();
        assertThat(rows(report("renewal-windows", T), "MISSED")).isEmpty();
    }

    /**
     * A week later, with no new provider data, the requests whose window closed meanwhile (k-000009, window until
     * 2026-12-08; k-000003, until 2026-12-09) are listed as missed, with amount x unit price x months of the term.
     */
    @Test
    void aRequestStillQueuedAfterItsWindowClosedIsListedAsMissedWithTheCostOfWaiting() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();
        apply(T);
        Instant weekLater = Instant.parse("2026-12-09T02:00:00Z");

        apply(weekLater);

        List<Map<String, String>> missed = rows(report("renewal-windows", weekLater), "MISSED");
        Set<String> stillQueuedAndClosed = jdbc.sql(
                "SELECT request_id FROM seat_change_request WHERE status = 'QUEUED' AND window_closes <= ?")
                .param(java.sql.Timestamp.from(weekLater)).query(UUID.class).list().stream()
                .map(UUID::toString).collect(Collectors.toSet());
        assertThat(missed).extracting(r -> r.get("request_id")).containsExactlyInAnyOrderElementsOf(stillQueuedAndClosed);
        Map<String, Map<String, String>> byRequest = missed.stream()
                .collect(Collectors.toMap(r -> r.get("request_id"), r -> r));
        assertThat(byRequest.get(idOf("k-000009").toString())).containsEntry("missed_amount", "1")
                .containsEntry("window_closes", "2026-12-08T00:00:00Z").containsEntry("cost_of_waiting", "36.00");
        assertThat(byRequest.get(idOf("k-000003").toString())).containsEntry("missed_amount", "100")
                .containsEntry("window_closes", "2026-12-09T00:00:00Z").containsEntry("cost_of_waiting", "800.00");
    }

    private static List<Map<String, String>> rows(Path report, String kind) {
        return CsvFiles.read(report).stream().filter(r -> r.get("kind").equals(kind)).toList();
    }

    private Map<UUID, Sub> subscriptions() {
        return jdbc.sql("""
                SELECT subscription_id, commitment, auto_renew, term_end, refundable, quantity, assigned, term_duration
                FROM provider_subscription WHERE snapshot_id = ?""")
                .param(latestSnapshot())
                .query((rs, i) -> Map.entry(rs.getObject("subscription_id", UUID.class),
                        new Sub(rs.getString("commitment"), rs.getBoolean("auto_renew"),
                                rs.getObject("term_end", LocalDate.class), rs.getString("refundable"),
                                rs.getInt("quantity"), (Integer) rs.getObject("assigned", Integer.class),
                                rs.getString("term_duration"))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private Map<UUID, Long> queuedDecreases() {
        Map<UUID, Long> sums = new HashMap<>();
        jdbc.sql("SELECT subscription_id, amount FROM seat_change_request WHERE status = 'QUEUED' AND change_kind = 'LESS'")
                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), rs.getLong(2))).list()
                .forEach(e -> sums.merge(e.getKey(), e.getValue(), Long::sum));
        return sums;
    }

    private static boolean openAt(String refundable) {
        if (refundable == null || refundable.isBlank()) {
            return false;
        }
        for (String batch : refundable.split(";")) {
            String[] parts = batch.strip().split("@");
            if (Integer.parseInt(parts[0]) > 0 && Instant.parse(parts[1]).isAfter(T)) {
                return true;
            }
        }
        return false;
    }

    private static boolean comingRenewal(Sub sub) {
        Instant renewal = sub.termEnd().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return sub.autoRenew() && renewal.isAfter(T) && !renewal.isAfter(T.plus(HORIZON));
    }
}
