package com.licenserecon.seatchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;

/** seat-changes cancel and history: only QUEUED can be cancelled; every state change is in the audit trail. */
class SeatChangeCancelAndHistoryTest extends SeatChangeNight {

    private static final Instant CANCELLED_AT = Instant.parse("2026-11-25T09:30:00Z");

    @Test
    void cancellingAQueuedRequestMakesItCancelledWithAnEventNamingWhoAndWhy() throws Exception {
        submitSamples();
        UUID id = idOf("k-000005");

        boolean cancelled = store.cancel(id, "ops.dave", "customer changed their mind", CANCELLED_AT);

        assertThat(cancelled).isTrue();
        StoredRequest request = store.find(id).orElseThrow();
        assertThat(request.status()).isEqualTo(SeatChangeStatus.CANCELLED);
        assertThat(request.decidedAt()).isEqualTo(CANCELLED_AT);
        List<SeatChangeEvent> history = store.history(id);
        assertThat(history).hasSize(2);
        assertThat(history.get(1)).isEqualTo(new SeatChangeEvent(SeatChangeStatus.QUEUED, SeatChangeStatus.CANCELLED,
                null, "customer changed their mind", "ops.dave", CANCELLED_AT));
    }

    @Test
    void cancellingAnAlreadyCancelledRequestIsRefusedAndChangesNothing() throws Exception {
        submitSamples();
        UUID id = idOf("k-000005");
        store.cancel(id, "ops.dave", "first", CANCELLED_AT);
        StoredRequest before = store.find(id).orElseThrow();

        boolean again = store.cancel(id, "ops.erin", "second", CANCELLED_AT.plusSeconds(60));

        assertThat(again).isFalse();
        assertThat(store.find(id).orElseThrow()).isEqualTo(before);
        assertThat(store.history(id)).hasSize(2).last().extracting(SeatChangeEvent::actor).isEqualTo("ops.dave");
    }

    @Test
    void cancellingARequestWhoseChangeIsBeingSentIsRefusedSayingSo() throws Exception {
        // given: a queued request whose intent is committed, its change on its way to the provider
        givenTheSampleNightSynced();
        submitSamples();
        UUID id = idOf("k-000005");
        long snapshot = jdbc.sql("SELECT MAX(snapshot_id) FROM provider_snapshot").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO seat_change_intent (request_id, snapshot_id, ct_license_id, quantity_before, quantity_after,
                    as_of, job_execution_id, created_at)
                VALUES (?, ?, 'CT-any', 10, 9, ?, 1, ?)""")
                .params(id, snapshot, java.sql.Timestamp.from(T), java.sql.Timestamp.from(T)).update();

        // when
        boolean cancelled = store.cancel(id, "ops.dave", "too late", CANCELLED_AT);

        // then: its outcome decides it, and the refusal says why
        assertThat(cancelled).isFalse();
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(SeatChangeStatus.QUEUED);
        assertThat(store.cancelRefusal(id)).contains("being sent to the provider");
    }

    @Test
    void cancellingAnUnknownRequestIsRefused() {
        assertThat(store.cancel(UUID.randomUUID(), "ops.dave", "?", CANCELLED_AT)).isFalse();
        assertThat(count("SELECT COUNT(*) FROM seat_change_event")).isZero();
    }

    @Test
    void cancellingADecidedRequestIsRefusedAndChangesNothing() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();
        apply(T);
        for (String key : List.of("k-000002", "k-000019")) { // APPLIED, REJECTED
            UUID id = idOf(key);
            StoredRequest before = store.find(id).orElseThrow();
            List<SeatChangeEvent> history = store.history(id);
            var provider = providerQuantities();
            var ct = ctLicenses();

            boolean cancelled = store.cancel(id, "ops.dave", "too late", T.plusSeconds(3600));

            assertThat(cancelled).as(key).isFalse();
            assertThat(store.find(id).orElseThrow()).as(key).isEqualTo(before);
            assertThat(store.history(id)).as(key).isEqualTo(history);
            assertThat(providerQuantities()).isEqualTo(provider);
            assertThat(ctLicenses()).isEqualTo(ct);
        }
    }

    @Test
    void historyListsTheSubmissionThenTheRunsDecisionWithItsJobExecution() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();

        JobExecution run = apply(T);

        String actor = "job execution " + run.getId();
        List<SeatChangeEvent> rejected = store.history(idOf("k-000019"));
        assertThat(rejected).extracting(SeatChangeEvent::from, SeatChangeEvent::to, SeatChangeEvent::reasonCode,
                SeatChangeEvent::actor).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(null, SeatChangeStatus.QUEUED, null, SUBMITTER),
                        org.assertj.core.groups.Tuple.tuple(SeatChangeStatus.QUEUED, SeatChangeStatus.REJECTED,
                                "NOT_BILLED", actor));
        assertThat(rejected.get(1).reason()).isNotBlank();
        assertThat(rejected.get(0).occurredAt()).isBeforeOrEqualTo(rejected.get(1).occurredAt());

        List<SeatChangeEvent> applied = store.history(idOf("k-000002"));
        assertThat(applied).extracting(SeatChangeEvent::from, SeatChangeEvent::to, SeatChangeEvent::reasonCode,
                SeatChangeEvent::actor).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(null, SeatChangeStatus.QUEUED, null, SUBMITTER),
                        org.assertj.core.groups.Tuple.tuple(SeatChangeStatus.QUEUED, SeatChangeStatus.APPLIED, null, actor));
    }

    @Test
    void aRequestThatStaysQueuedHasNoDecisionEvent() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();

        apply(T);

        assertThat(store.history(idOf("k-000003"))).singleElement()
                .extracting(SeatChangeEvent::to).isEqualTo(SeatChangeStatus.QUEUED);
    }

    @Test
    void everyFinalDecisionOfARunHasExactlyOneEventAndEveryRequestItsSubmission() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();

        JobExecution run = apply(T);

        for (StoredRequest request : store.list(null, null)) {
            List<SeatChangeEvent> history = store.history(request.requestId());
            assertThat(history.get(0).to()).isEqualTo(SeatChangeStatus.QUEUED);
            if (request.status().isFinal()) {
                assertThat(history).as(request.requestKey()).hasSize(2);
                assertThat(history.get(1).to()).isEqualTo(request.status());
                assertThat(history.get(1).reasonCode()).isEqualTo(request.reasonCode());
                assertThat(history.get(1).actor()).isEqualTo("job execution " + run.getId());
            } else {
                assertThat(history).as(request.requestKey()).hasSize(1);
            }
        }
    }

    @Test
    void aRequestCancelledAfterBeingLeftQueuedIsNotAppliedByALaterRun() throws Exception {
        givenTheSampleNightSynced();
        submitSamples();
        apply(T);
        UUID waiting = idOf("k-000073");
        assertThat(store.cancel(waiting, "ops.dave", "no longer needed", T.plusSeconds(60))).isTrue();

        apply(T.plusSeconds(3600));

        assertThat(store.find(waiting).orElseThrow().status()).isEqualTo(SeatChangeStatus.CANCELLED);
        assertThat(store.history(waiting)).extracting(SeatChangeEvent::to)
                .containsExactly(SeatChangeStatus.QUEUED, SeatChangeStatus.CANCELLED);
        assertThat(Files.readString(report("provider-changes", T))).doesNotContain(waiting.toString());
    }
}
