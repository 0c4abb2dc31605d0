package com.licenserecon.seatchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.provider.FileProviderGateway;
import com.licenserecon.provider.ProviderChange;
import com.licenserecon.provider.ProviderGateway;
import com.licenserecon.provider.ProviderGateways;
import com.licenserecon.provider.ProviderRefusedException;
import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.support.CsvFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * A run sends the applied changes of a chunk as one group: their intents are committed together before the
 * first provider call, their outcomes together after the last. A crash on either side of the calls is
 * settled by the next run, each change made once; and a request whose subscription a change of the same chunk
 * alters is decided only once that change's outcome is known.
 */
@Import(SeatChangeGroupTest.ScriptedProvider.class)
class SeatChangeGroupTest extends SeatChangeNight {

    /** The file gateway, failing where a test says. */
    static class Script {

        enum Failure { NONE, BEFORE_THE_CALLS, AFTER_THE_CALLS }

        volatile Failure failure = Failure.NONE;
        /** Changes refused (PROVIDER_UNAVAILABLE) rather than written to the outbox. */
        final Set<UUID> refuse = Collections.synchronizedSet(new HashSet<>());
        /** Every change sent, in order. */
        final List<ProviderChange> sent = Collections.synchronizedList(new ArrayList<>());
    }

    @TestConfiguration
    static class ScriptedProvider {

        @Bean
        Script script() {
            return new Script();
        }

        @Bean
        @Primary
        ProviderGateways scriptedFileGateways(Script script) {
            return outbox -> new ProviderGateway() {
                private final FileProviderGateway file = new FileProviderGateway(outbox);

                @Override
                public void apply(ProviderChange change) throws Exception {
                    if (script.refuse.contains(change.requestId())) {
                        throw new ProviderRefusedException("PROVIDER_UNAVAILABLE", "scripted outage");
                    }
                    file.apply(change);
                    script.sent.add(change);
                }

                @Override
                public void applyAll(List<ProviderChange> changes, Answers answers) throws Exception {
                    if (script.failure == Script.Failure.BEFORE_THE_CALLS) {
                        throw new IllegalStateException("scripted crash after the intents, before any provider call");
                    }
                    if (changes.stream().anyMatch(c -> script.refuse.contains(c.requestId()))) {
                        ProviderGateway.super.applyAll(changes, answers); // one by one, so one can be refused
                    } else {
                        file.applyAll(changes, answers);
                        script.sent.addAll(changes);
                    }
                    if (script.failure == Script.Failure.AFTER_THE_CALLS) {
                        throw new IllegalStateException("scripted crash after the provider calls, before the outcomes");
                    }
                }

                @Override
                public boolean hasApplied(ProviderChange change) throws Exception {
                    return file.hasApplied(change);
                }
            };
        }
    }

    @Autowired
    Script script;

    @Autowired
    SubscriptionSeats seats;

    @BeforeEach
    void givenTheSampleNightAndAProviderThatWorks() throws Exception {
        script.failure = Script.Failure.NONE;
        script.refuse.clear();
        script.sent.clear();
        givenTheSampleNightSynced();
    }

    @Test
    void aCrashAfterTheIntentsAndBeforeAnyProviderCallSendsEachChangeOnceInTheNextRun() throws Exception {
        submitSamples();
        Map<UUID, Integer> providerBefore = providerQuantities();
        script.failure = Script.Failure.BEFORE_THE_CALLS;

        JobExecution crashed = seatChangeLauncher.launch(T, reports);

        // The chunk's intents are committed, nothing was sent, nothing is applied; its other decisions stand.
        assertThat(crashed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(count("SELECT COUNT(*) FROM seat_change_intent")).isPositive();
        assertThat(script.sent).isEmpty();
        assertThat(report("provider-changes", T)).doesNotExist();
        assertThat(count("SELECT COUNT(*) FROM seat_change_request WHERE status = 'APPLIED'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM seat_change_request WHERE status = 'REJECTED'")).isPositive();
        assertThat(providerQuantities()).isEqualTo(providerBefore);

        script.failure = Script.Failure.NONE;
        JobExecution repeated = apply(T);

        // Nothing was found made at the provider; every request ends as in expected-changes, each change sent once.
        assertThat(repeated.getExecutionContext().getInt(SeatChangeJobConfiguration.RECOVERED, -1)).isZero();
        assertEveryRequestAsExpectedAndEachChangeSentOnce();
    }

    @Test
    void theIntentsOfASyncThatIsStillRunningAreLeftToItByASeatChangeRun() throws Exception {
        // given: a chunk's intents committed and nothing sent yet, written by a sync whose process is alive
        submitSamples();
        script.failure = Script.Failure.BEFORE_THE_CALLS;
        seatChangeLauncher.launch(T, reports);
        long syncExecution = jdbc.sql("""
                SELECT MAX(je.job_execution_id) FROM batch_job_execution je
                JOIN batch_job_instance ji ON ji.job_instance_id = je.job_instance_id WHERE ji.job_name = ?""")
                .param(com.licenserecon.sync.LicenseSyncJobConfiguration.JOB_NAME).query(Long.class).single();
        jdbc.sql("UPDATE seat_change_intent SET job_execution_id = ?").param(syncExecution).update();
        List<UUID> beingSent = jdbc.sql("SELECT request_id FROM seat_change_intent").query(UUID.class).list();
        assertThat(beingSent).isNotEmpty();
        script.failure = Script.Failure.NONE;

        // when: a seat change run starts while the sync's process holds its run lock
        try (var sync = runLock.acquire(com.licenserecon.sync.LicenseSyncJobConfiguration.JOB_NAME)) {
            apply(T);
        }

        // then: it neither settles those intents nor sends those changes; they stay the sync's to finish
        assertThat(jdbc.sql("SELECT request_id FROM seat_change_intent").query(UUID.class).list())
                .containsExactlyInAnyOrderElementsOf(beingSent);
        assertThat(script.sent).extracting(ProviderChange::requestId).doesNotContainAnyElementsOf(beingSent);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM seat_change_request WHERE status = 'QUEUED' AND request_id = ANY(?)")
                .param(SqlArrays.uuids(beingSent)).query(Long.class).single()).isEqualTo(beingSent.size());
    }

    @Autowired
    com.licenserecon.sync.JobRunLock runLock;

    @Test
    void aCrashAfterTheProviderCallsAndBeforeTheOutcomesIsRecordedOnceByTheNextRun() throws Exception {
        submitSamples();
        script.failure = Script.Failure.AFTER_THE_CALLS;

        JobExecution crashed = seatChangeLauncher.launch(T, reports);

        // The first group's changes reached the outbox; none is recorded, each still has its intent.
        assertThat(crashed.getStatus()).isEqualTo(BatchStatus.FAILED);
        int sentBeforeTheCrash = script.sent.size();
        assertThat(sentBeforeTheCrash).isPositive();
        assertThat(count("SELECT COUNT(*) FROM seat_change_intent")).isEqualTo(sentBeforeTheCrash);
        assertThat(count("SELECT COUNT(*) FROM seat_change_request WHERE status = 'APPLIED'")).isZero();

        script.failure = Script.Failure.NONE;
        JobExecution repeated = apply(T);

        // The next run finds all of them made and records each once, sending none of them again. Then it decides
        // what is still queued on the subscriptions as they now are: k-000047 (Less 1), which waited for its window
        // before the crash, now finds the seats of k-000064 (Additional 3 on the same subscription, made before the
        // crash) refundable and is applied, as any later run would (see SeatChangeJobTest).
        assertThat(repeated.getExecutionContext().getInt(SeatChangeJobConfiguration.RECOVERED, -1))
                .isEqualTo(sentBeforeTheCrash);
        assertEveryRequestAsExpectedAndEachChangeSentOnce("k-000047");
        // and the changes recorded after the crash carry the rules' reasons, as if nothing had happened
        assertThat(store.list(SeatChangeStatus.APPLIED, null)).extracting(StoredRequest::reason)
                .allMatch(reason -> reason.startsWith("Added ") || reason.startsWith("Removed "));
        StoredRequest k47 = requestsByKey().get("k-000047");
        assertThat(k47.status()).isEqualTo(SeatChangeStatus.APPLIED);
        assertThat(k47.quantityAfter()).isEqualTo(66);
    }

    @Test
    void aRequestAfterAChangeOnTheSameSubscriptionIsDecidedOnTheSubscriptionThatChangeLeft() throws Exception {
        // Given an Additional then a Less on one subscription, queued together, and a provider that makes both
        Sample sample = sample("k-000002");
        UUID add = queue(sample, ChangeKind.ADDITIONAL, 4, "g-add", Duration.ofHours(2));
        UUID remove = queue(sample, ChangeKind.LESS, 4, "g-less", Duration.ofHours(1));
        ProviderSubscription before = seats.subscription(latestSnapshot(), sample.subscription()).orElseThrow();

        apply(T);

        // Then both are decided as the in-memory run decides them: the Less sees the Additional's seats
        SeatChangeRun.Result expected = SeatChangeRun.decide(List.of(rulesRequest(add), rulesRequest(remove)),
                Map.of(before.subscriptionId(), before), Set.of(before.subscriptionId()), T);
        assertDecidedAs(add, expected.decisionFor(add).orElseThrow());
        assertDecidedAs(remove, expected.decisionFor(remove).orElseThrow());
        assertThat(store.find(remove).orElseThrow().quantityBefore()).isEqualTo(before.quantity() + 4);
    }

    @Test
    void aRequestAfterARefusedChangeOnTheSameSubscriptionIsDecidedOnTheSubscriptionAsItStayed() throws Exception {
        // Given the same two requests, and a provider that refuses the Additional
        Sample sample = sample("k-000002");
        UUID add = queue(sample, ChangeKind.ADDITIONAL, 4, "g-add", Duration.ofHours(2));
        UUID remove = queue(sample, ChangeKind.LESS, 4, "g-less", Duration.ofHours(1));
        ProviderSubscription before = seats.subscription(latestSnapshot(), sample.subscription()).orElseThrow();
        script.refuse.add(add);

        apply(T);

        // Then the Additional waits in the queue, and the Less is decided as if the Additional had never been
        StoredRequest waiting = store.find(add).orElseThrow();
        assertThat(waiting.status()).isEqualTo(SeatChangeStatus.QUEUED);
        assertThat(waiting.reasonCode()).isEqualTo("PROVIDER_UNAVAILABLE");
        SeatChangeDecision alone = SeatChangeRules.decide(ChangeKind.LESS, 4, SeatState.of(before), true, T);
        assertDecidedAs(remove, alone);
        assertThat(store.find(remove).orElseThrow().quantityBefore()).isEqualTo(before.quantity());
        assertThat(script.sent).extracting(ProviderChange::requestId).doesNotContain(add);
    }

    private void assertEveryRequestAsExpectedAndEachChangeSentOnce(String... decidedLater) {
        Map<String, Map<String, String>> expected = expectedChanges();
        List.of(decidedLater).forEach(expected::remove);
        Map<String, StoredRequest> stored = requestsByKey();
        SoftAssertions softly = new SoftAssertions();
        expected.forEach((key, row) -> {
            StoredRequest request = stored.get(key);
            softly.assertThat(request.status().name()).as("%s status", key).isEqualTo(row.get("status"));
            softly.assertThat(request.reasonCode()).as("%s reason_code", key).isEqualTo(blankToNull(row.get("reason_code")));
            softly.assertThat(text(request.quantityAfter())).as("%s quantity_after", key).isEqualTo(row.get("quantity_after"));
        });
        softly.assertAll();
        List<String> outbox = CsvFiles.read(report("provider-changes", T)).stream().map(l -> l.get("request_id")).toList();
        assertThat(outbox).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                store.list(SeatChangeStatus.APPLIED, null).stream().map(r -> r.requestId().toString()).toList());
        assertThat(script.sent).extracting(ProviderChange::requestId).doesNotHaveDuplicates().hasSize(outbox.size());
        assertThat(count("SELECT COUNT(*) FROM seat_change_intent")).isZero();
    }

    private void assertDecidedAs(UUID requestId, SeatChangeDecision decision) {
        StoredRequest stored = store.find(requestId).orElseThrow();
        assertThat(stored.status()).as("status").isEqualTo(decision.status());
        assertThat(stored.reasonCode()).as("reason code")
                .isEqualTo(decision.reasonCode() == null ? null : decision.reasonCode().name());
        assertThat(stored.quantityBefore()).as("quantity before").isEqualTo(decision.quantityBefore());
        assertThat(stored.quantityAfter()).as("quantity after").isEqualTo(decision.quantityAfter());
    }

    private record Sample(UUID tenant, UUID subscription) {
    }

    /** The tenant and subscription of a request of seat-changes.csv. */
    private static Sample sample(String requestKey) {
        Map<String, String> row = CsvFiles.read(com.licenserecon.support.SampleData.SEAT_CHANGES).stream()
                .filter(r -> r.get("request_key").equals(requestKey)).findFirst().orElseThrow();
        return new Sample(UUID.fromString(row.get("customer_tenant_id")), UUID.fromString(row.get("subscription_id")));
    }

    private UUID queue(Sample sample, ChangeKind kind, int amount, String key, Duration beforeT) {
        return intake.submit(new NewSeatChange(sample.tenant(), sample.subscription(), kind, amount, "ops.g",
                T.minus(beforeT), key, null), SUBMITTER).queued().get(0).requestId();
    }

    private SeatChangeRequest rulesRequest(UUID requestId) {
        StoredRequest r = store.find(requestId).orElseThrow();
        return new SeatChangeRequest(r.requestId(), r.subscriptionId(), r.kind(), r.amount(), r.requestedAt());
    }
}
