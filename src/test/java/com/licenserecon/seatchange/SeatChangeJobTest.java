package com.licenserecon.seatchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.support.CsvFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;

/**
 * The acceptance of the seat change issue on PostgreSQL: after import-ct and sync at 2026-11-26T02:00:00Z,
 * seat-changes submit then apply at the same instant gives samples/expected-changes.csv, exactly once.
 */
class SeatChangeJobTest extends SeatChangeNight {

    /** The seat change report's columns, in the order of the file-formats spec. */
    private static final List<String> REPORT_COLUMNS = List.of("request_id", "request_key", "customer_tenant_id",
            "subscription_id", "sku_part_number", "change", "amount", "requested_by", "requested_at", "status",
            "reason_code", "reason", "quantity_before", "quantity_after", "eligible_from", "window_closes",
            "decided_at");

    @Test
    void everyRequestEndsAsInExpectedChanges() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();

        apply(T);

        Map<String, Map<String, String>> expected = expectedChanges();
        Map<String, StoredRequest> stored = requestsByKey();
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        SoftAssertions softly = new SoftAssertions();
        expected.forEach((key, row) -> {
            StoredRequest request = stored.get(key);
            softly.assertThat(request.status().name()).as("%s status", key).isEqualTo(row.get("status"));
            softly.assertThat(request.reasonCode()).as("%s reason_code", key).isEqualTo(blankToNull(row.get("reason_code")));
            softly.assertThat(text(request.quantityAfter())).as("%s quantity_after", key).isEqualTo(row.get("quantity_after"));
            softly.assertThat(text(request.eligibleFrom())).as("%s eligible_from", key).isEqualTo(row.get("eligible_from"));
        });
        softly.assertAll();
    }

    @Test
    void theReportHasTheSpecifiedColumnsAndOneRowPerRequestDecidedOrStillQueued() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();

        apply(T);

        Path report = report("seat-changes", T);
        assertThat(CsvFiles.header(report)).containsExactlyElementsOf(REPORT_COLUMNS);
        List<Map<String, String>> rows = CsvFiles.read(report);
        assertThat(rows).extracting(r -> r.get("request_id")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(store.list(null, null).stream()
                        .map(r -> r.requestId().toString()).toList());
        SoftAssertions softly = new SoftAssertions();
        for (Map<String, String> row : rows) {
            StoredRequest request = store.find(UUID.fromString(row.get("request_id"))).orElseThrow();
            String key = request.requestKey();
            softly.assertThat(row.get("request_key")).isEqualTo(key);
            softly.assertThat(row.get("status")).as("%s status", key).isEqualTo(request.status().name());
            softly.assertThat(row.get("reason_code")).as("%s reason_code", key).isEqualTo(text(request.reasonCode()));
            softly.assertThat(row.get("quantity_before")).as("%s quantity_before", key).isEqualTo(text(request.quantityBefore()));
            softly.assertThat(row.get("quantity_after")).as("%s quantity_after", key).isEqualTo(text(request.quantityAfter()));
            softly.assertThat(row.get("eligible_from")).as("%s eligible_from", key).isEqualTo(text(request.eligibleFrom()));
            softly.assertThat(row.get("window_closes")).as("%s window_closes", key).isEqualTo(text(request.windowCloses()));
            softly.assertThat(row.get("change")).as("%s change", key).isEqualTo(request.kind().label());
            softly.assertThat(row.get("amount")).as("%s amount", key).isEqualTo(Integer.toString(request.amount()));
            softly.assertThat(row.get("requested_at")).as("%s requested_at", key).isEqualTo(request.requestedAt().toString());
            softly.assertThat(row.get("decided_at")).as("%s decided_at", key).isNotEmpty();
        }
        softly.assertAll();
    }

    @Test
    void aDecreaseLargerThanWhatTheCtRecordBillsIsAppliedAndTheRecordStopsAtZero() throws Exception {
        // Given k-000008 (Less 2, applied in the sample night) on a subscription whose CT record bills 1 seat
        givenTheSampleNightSynced();
        submitSamples();
        assertThat(jdbc.sql("""
                UPDATE ct_license SET ct_licenses = 1 WHERE subscription_id =
                    (SELECT subscription_id FROM seat_change_request WHERE request_key = 'k-000008')""").update())
                .isEqualTo(1);

        // When the run decides it
        apply(T);

        // Then the provider loses both seats, and the CT record, which cannot bill fewer than none, ends at 0
        StoredRequest request = requestsByKey().get("k-000008");
        assertThat(request.status()).isEqualTo(SeatChangeStatus.APPLIED);
        assertThat(providerQuantities().get(request.subscriptionId())).isEqualTo(211);
        assertThat(jdbc.sql("SELECT ct_licenses FROM ct_license WHERE subscription_id = ?").param(request.subscriptionId())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aRunRestartedAfterAFailureReportsTheRequestsItDecidedBeforeTheFailure() throws Exception {
        // Given a request rejected first, then the sample requests, and a report folder that cannot be created:
        // the run rejects the first request, then fails at the first change it must write to the outbox
        givenTheSampleNightSynced();
        UUID rejectedFirst = intake.submit(new NewSeatChange(UUID.randomUUID(), UUID.randomUUID(), ChangeKind.LESS, 1,
                "ops.a", T.minus(java.time.Duration.ofDays(30)), "k-first", null), SUBMITTER).queued().get(0).requestId();
        submitSamples();
        Path blocked = reports.resolve("blocked");
        Files.writeString(blocked, "a file where the report folder should be");
        JobExecution failed = seatChangeLauncher.launch(T, blocked);
        assertThat(failed.getStatus()).isEqualTo(org.springframework.batch.core.BatchStatus.FAILED);
        assertThat(store.find(rejectedFirst).orElseThrow().status()).isEqualTo(SeatChangeStatus.REJECTED);

        // When the folder is fixed and the same command is repeated
        Files.delete(blocked);
        JobExecution restarted = seatChangeLauncher.launch(T, blocked);

        // Then the restarted run's report holds the request rejected by the failed execution, and every other
        assertThat(restarted.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
        List<Map<String, String>> rows = CsvFiles.read(blocked.resolve("seat-changes-2026-11-26.csv"));
        assertThat(rows).extracting(r -> r.get("request_key")).contains("k-first")
                .containsAll(expectedChanges().keySet());
        assertThat(rows).hasSize(expectedChanges().size() + 1);
    }

    @Test
    void aRequestCancelledBeforeTheRunIsNeitherDecidedNorReported() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();
        UUID cancelled = idOf("k-000002"); // an Additional the run would apply
        UUID subscription = store.find(cancelled).orElseThrow().subscriptionId();
        int quantityBefore = providerQuantities().get(subscription);
        assertThat(store.cancel(cancelled, "ops.dave", "not needed after all", T)).isTrue();

        apply(T);

        assertThat(store.find(cancelled).orElseThrow().status()).isEqualTo(SeatChangeStatus.CANCELLED);
        assertThat(CsvFiles.read(report("seat-changes", T))).hasSize(79)
                .noneMatch(r -> r.get("request_id").equals(cancelled.toString()));
        assertThat(CsvFiles.read(report("provider-changes", T)))
                .noneMatch(r -> r.get("request_id").equals(cancelled.toString()));
        assertThat(providerQuantities().get(subscription)).isEqualTo(quantityBefore);
    }

    @Test
    void theOutboxHasExactlyOneLinePerAppliedRequest() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();

        apply(T);

        Map<UUID, StoredRequest> applied = store.list(SeatChangeStatus.APPLIED, null).stream()
                .collect(Collectors.toMap(StoredRequest::requestId, r -> r));
        assertThat(applied).hasSize(keysWithStatus(expectedChanges(), "APPLIED").size());
        Path outbox = report("provider-changes", T);
        assertThat(CsvFiles.header(outbox)).containsExactly("request_id", "customer_tenant_id", "subscription_id",
                "change", "amount", "quantity_before", "quantity_after", "applied_at");
        List<Map<String, String>> lines = CsvFiles.read(outbox);
        assertThat(lines).extracting(l -> l.get("request_id")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(applied.keySet().stream().map(UUID::toString).toList());
        SoftAssertions softly = new SoftAssertions();
        for (Map<String, String> line : lines) {
            StoredRequest request = applied.get(UUID.fromString(line.get("request_id")));
            String key = request.requestKey();
            softly.assertThat(line.get("customer_tenant_id")).as(key).isEqualTo(request.customerTenantId().toString());
            softly.assertThat(line.get("subscription_id")).as(key).isEqualTo(request.subscriptionId().toString());
            softly.assertThat(line.get("change")).as(key).isEqualTo(request.kind().label());
            softly.assertThat(line.get("amount")).as(key).isEqualTo(Integer.toString(request.amount()));
            softly.assertThat(line.get("quantity_before")).as(key).isEqualTo(text(request.quantityBefore()));
            softly.assertThat(line.get("quantity_after")).as(key).isEqualTo(text(request.quantityAfter()));
            softly.assertThat(line.get("applied_at")).as(key).isNotEmpty();
        }
        softly.assertAll();
    }

    @Test
    void eachAppliedChangeMovesTheProviderQuantityAndTheBilledCtLicensesByTheSameAmount() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();
        Map<UUID, Integer> providerBefore = providerQuantities();
        Map<String, Integer> ctBefore = ctLicenses();

        apply(T);

        // What the applied requests add up to, per subscription.
        Map<UUID, Integer> appliedDelta = new HashMap<>();
        for (StoredRequest request : store.list(SeatChangeStatus.APPLIED, null)) {
            int signed = request.kind() == ChangeKind.ADDITIONAL ? request.amount() : -request.amount();
            assertThat(request.quantityAfter() - request.quantityBefore()).as(request.requestKey()).isEqualTo(signed);
            appliedDelta.merge(request.subscriptionId(), signed, Integer::sum);
        }
        Map<UUID, Integer> providerAfter = providerQuantities();
        Map<UUID, Integer> providerDelta = deltas(providerBefore, providerAfter);
        assertThat(providerDelta).isEqualTo(appliedDelta);

        // The CT record billing each subscription (the sync's matching, linked or unlinked) moved by the same amount.
        Map<UUID, String> billedBy = jdbc.sql("""
                SELECT subscription_id, ct_license_id FROM reconciliation_result
                WHERE snapshot_id = ? AND subscription_id IS NOT NULL AND ct_license_id IS NOT NULL""")
                .param(latestSnapshot())
                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, Integer> expectedCtDelta = new HashMap<>();
        appliedDelta.forEach((subscription, delta) -> {
            assertThat(billedBy).as("a CT record bills %s", subscription).containsKey(subscription);
            expectedCtDelta.put(billedBy.get(subscription), delta);
        });
        assertThat(deltas(ctBefore, ctLicenses())).isEqualTo(expectedCtDelta);

        // The last applied quantity of each subscription is the one the snapshot now holds.
        for (StoredRequest request : store.list(SeatChangeStatus.APPLIED, null)) {
            int lastAfter = store.list(SeatChangeStatus.APPLIED, null).stream()
                    .filter(r -> r.subscriptionId().equals(request.subscriptionId())).reduce((a, b) -> b)
                    .orElseThrow().quantityAfter();
            assertThat(providerAfter.get(request.subscriptionId())).as(request.requestKey()).isEqualTo(lastAfter);
        }
    }

    /**
     * A second run at the same T never decides or sends a decided request again. It does re-examine the requests
     * still QUEUED against the subscription as the first run left it: k-000047 (Less 1, requested 2026-11-21) was
     * decided before k-000064 (Additional 3 on the same NCE subscription, 2026-11-24) and had to wait; the applied
     * Additional left a refundable batch 3@T+7d (rule 4), so the second run applies k-000047 (rule 7: 1 <= 3,
     * 67 - 1 >= assigned). That is the only new decision, and it is exactly what the dry run predicts.
     */
    @Test
    void applyingAgainAtTheSameInstantNeverDecidesOrSendsADecidedRequestAgain() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();
        apply(T);
        Map<UUID, String> outcomes = outcomes();
        Map<UUID, StoredRequest> decided = store.list(null, null).stream().filter(r -> r.status().isFinal())
                .collect(Collectors.toMap(StoredRequest::requestId, r -> r));
        List<String> outbox = Files.readAllLines(report("provider-changes", T));
        SeatChangeRun.Result predicted = preview.queuedAt(latestSnapshot(), T);

        JobExecution again = apply(T);

        // Nothing decided in the first run changes, and its outbox lines stay as they were.
        decided.forEach((id, request) -> assertThat(store.find(id).orElseThrow()).as(request.requestKey()).isEqualTo(request));
        List<String> outboxAfter = Files.readAllLines(report("provider-changes", T));
        assertThat(outboxAfter.subList(0, outbox.size())).isEqualTo(outbox);
        assertThat(CsvFiles.read(report("provider-changes", T))).extracting(l -> l.get("request_id")).doesNotHaveDuplicates();
        // The second run decides exactly what the dry run said it would.
        Set<String> newlyDecided = new HashSet<>();
        for (SeatChangeRun.Decided d : predicted.decisions()) {
            StoredRequest now = store.find(d.request().requestId()).orElseThrow();
            assertThat(now.status()).as(now.requestKey()).isEqualTo(d.decision().status());
            assertThat(now.quantityAfter()).as(now.requestKey()).isEqualTo(d.decision().quantityAfter());
            if (!outcomes().get(now.requestId()).equals(outcomes.get(now.requestId()))) {
                newlyDecided.add(now.requestKey());
            }
        }
        assertThat(newlyDecided).containsExactly("k-000047");
        StoredRequest k47 = requestsByKey().get("k-000047");
        assertThat(k47.status()).isEqualTo(SeatChangeStatus.APPLIED);
        assertThat(k47.quantityBefore()).isEqualTo(67);
        assertThat(k47.quantityAfter()).isEqualTo(66);
        assertThat(outboxAfter).hasSize(outbox.size() + 1);
        assertThat(count("SELECT COUNT(*) FROM seat_change_intent")).isZero();
        // The second run's report: what it decided (k-000047) plus every request still queued.
        Set<String> expectedRows = store.list(SeatChangeStatus.QUEUED, null).stream()
                .map(r -> r.requestId().toString()).collect(Collectors.toSet());
        expectedRows.add(k47.requestId().toString());
        assertThat(CsvFiles.read(report("seat-changes", T))).extracting(r -> r.get("request_id"))
                .containsExactlyInAnyOrderElementsOf(expectedRows);
        assertThat(count("SELECT COUNT(*) FROM seat_change_request WHERE status <> 'QUEUED' AND decided_by_execution = "
                + again.getId())).isEqualTo(1);
    }

    @Test
    void onceNothingMoreCanBeAppliedAnotherRunAtTheSameInstantChangesNothing() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();
        apply(T);
        apply(T);
        Map<UUID, String> outcomes = outcomes();
        long events = count("SELECT COUNT(*) FROM seat_change_event");
        List<String> outbox = Files.readAllLines(report("provider-changes", T));
        Map<UUID, Integer> provider = providerQuantities();
        Map<String, Integer> ct = ctLicenses();

        apply(T);

        assertThat(outcomes()).isEqualTo(outcomes);
        assertThat(count("SELECT COUNT(*) FROM seat_change_event")).isEqualTo(events);
        assertThat(Files.readAllLines(report("provider-changes", T))).isEqualTo(outbox);
        assertThat(providerQuantities()).isEqualTo(provider);
        assertThat(ctLicenses()).isEqualTo(ct);
    }

    @Test
    void theDryRunGivesTheDecisionsOfTheRealRunAndChangesNothing() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();
        Map<UUID, String> outcomes = outcomes();
        Map<UUID, Integer> provider = providerQuantities();
        Map<String, Integer> ct = ctLicenses();
        long events = count("SELECT COUNT(*) FROM seat_change_event");

        SeatChangeRun.Result preview = this.preview.queuedAt(latestSnapshot(), T);

        assertThat(outcomes()).isEqualTo(outcomes);
        assertThat(store.list(null, null)).allSatisfy(r -> assertThat(r.status()).isEqualTo(SeatChangeStatus.QUEUED));
        assertThat(providerQuantities()).isEqualTo(provider);
        assertThat(ctLicenses()).isEqualTo(ct);
        assertThat(count("SELECT COUNT(*) FROM seat_change_event")).isEqualTo(events);
        assertThat(count("SELECT COUNT(*) FROM seat_change_intent")).isZero();
        assertThat(report("provider-changes", T)).doesNotExist();
        assertThat(preview.decisions()).hasSize(outcomes.size());

        apply(T);

        SoftAssertions softly = new SoftAssertions();
        for (SeatChangeRun.Decided decided : preview.decisions()) {
            StoredRequest real = store.find(decided.request().requestId()).orElseThrow();
            SeatChangeDecision would = decided.decision();
            String key = real.requestKey();
            softly.assertThat(would.status()).as("%s status", key).isEqualTo(real.status());
            softly.assertThat(would.reasonCode() == null ? null : would.reasonCode().name()).as("%s reason", key)
                    .isEqualTo(real.reasonCode());
            softly.assertThat(would.quantityAfter()).as("%s quantity_after", key).isEqualTo(real.quantityAfter());
            softly.assertThat(would.eligibleFrom()).as("%s eligible_from", key).isEqualTo(real.eligibleFrom());
        }
        softly.assertAll();
    }

    @Test
    void theDryRunMatchesExpectedChanges() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();

        SeatChangeRun.Result preview = this.preview.queuedAt(latestSnapshot(), T);

        Map<UUID, String> keyOf = store.list(null, null).stream()
                .collect(Collectors.toMap(StoredRequest::requestId, StoredRequest::requestKey));
        Map<String, Map<String, String>> expected = expectedChanges();
        SoftAssertions softly = new SoftAssertions();
        Set<String> seen = new HashSet<>();
        for (SeatChangeRun.Decided decided : preview.decisions()) {
            String key = keyOf.get(decided.request().requestId());
            seen.add(key);
            Map<String, String> row = expected.get(key);
            SeatChangeDecision d = decided.decision();
            softly.assertThat(d.status().name()).as("%s status", key).isEqualTo(row.get("status"));
            softly.assertThat(d.reasonCode() == null ? "" : d.reasonCode().name()).as("%s reason", key)
                    .isEqualTo(row.get("reason_code"));
            softly.assertThat(text(d.quantityAfter())).as("%s quantity_after", key).isEqualTo(row.get("quantity_after"));
            softly.assertThat(text(d.eligibleFrom())).as("%s eligible_from", key).isEqualTo(row.get("eligible_from"));
        }
        softly.assertAll();
        assertThat(seen).isEqualTo(expected.keySet());
    }

    private static <K> Map<K, Integer> deltas(Map<K, Integer> before, Map<K, Integer> after) {
        assertThat(after.keySet()).isEqualTo(before.keySet());
        Map<K, Integer> deltas = new HashMap<>();
        before.forEach((k, was) -> {
            int delta = after.get(k) - was;
            if (delta != 0) {
                deltas.put(k, delta);
            }
        });
        return deltas;
    }
}
