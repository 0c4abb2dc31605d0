package com.licenserecon.seatchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The guards that keep two runs (or a run and a cancel) from deciding or applying one request twice: the status
 * condition of recordDecision and cancel, and the row lock and intent check of SeatChangeIntents.open; for one
 * request and for the group of a chunk (recordDecisions, openAll).
 */
class SeatChangeGuardTest extends SeatChangeNight {

    private static final long SNAPSHOT = 990_001L;
    private static final String HEADER = "customer_tenant_id,subscription_id,change,amount,requested_by,requested_at,request_key";
    private static final String TENANT = "7e31ea49-118d-489e-a85a-fd1371126c20";
    private static final String SUBSCRIPTION = "9be11156-d0e4-43dd-a4ef-be085eb9b6fd";

    @Autowired
    SeatChangeIntents intents;

    @Autowired
    TransactionTemplate transaction;

    private final List<UUID> queued = new ArrayList<>();

    @BeforeEach
    void givenQueuedRequestsAndASnapshot() throws Exception {
        StringBuilder file = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 20; i++) {
            file.append("%s,%s,Less,1,ops.a,2026-11-20T00:00:%02dZ,g-%02d%n".formatted(TENANT, SUBSCRIPTION, i, i));
        }
        Path path = reports.resolve("guard.csv");
        Files.writeString(path, file, StandardCharsets.UTF_8);
        intake.submit(path, SUBMITTER).queued().forEach(q -> queued.add(q.requestId()));
        jdbc.sql("INSERT INTO provider_snapshot (snapshot_id, as_of, source, created_at, accepted) VALUES (?, ?, ?, ?, TRUE)")
                .params(SNAPSHOT, Timestamp.from(T), "guard test", Timestamp.from(T)).update();
    }

    @Test
    void aDecisionRecordedByOneRunMakesASecondRecordDecisionReturnFalse() {
        UUID id = queued.get(0);
        assertThat(store.recordDecision(id, rejected(), "SPE_E3", T, 101L)).isTrue();
        StoredRequest afterFirst = store.find(id).orElseThrow();

        boolean second = store.recordDecision(id, applied(), "SPE_E3", T.plusSeconds(5), 102L);

        assertThat(second).isFalse();
        assertThat(store.find(id).orElseThrow()).isEqualTo(afterFirst);
        assertThat(afterFirst.status()).isEqualTo(SeatChangeStatus.REJECTED);
        assertThat(store.history(id)).extracting(SeatChangeEvent::actor).containsExactly(SUBMITTER, "job execution 101");
    }

    @Test
    void aCancelledRequestCannotBeDecided() {
        UUID id = queued.get(0);
        store.cancel(id, "ops.dave", "no", T);

        assertThat(store.recordDecision(id, applied(), "SPE_E3", T, 101L)).isFalse();
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(SeatChangeStatus.CANCELLED);
    }

    @Test
    void aRequestThatStaysQueuedCanStillBeDecidedByALaterRun() {
        UUID id = queued.get(0);
        SeatChangeDecision waiting = new SeatChangeDecision(SeatChangeStatus.QUEUED, ReasonCode.WAITING_FOR_WINDOW, 10,
                null, Instant.parse("2026-12-02T00:00:00Z"), Instant.parse("2026-12-09T00:00:00Z"), "waiting", null);

        assertThat(store.recordDecision(id, waiting, "SPE_E3", T, 101L)).isTrue();
        assertThat(store.recordDecision(id, applied(), "SPE_E3", T, 102L)).isTrue();
        assertThat(store.recordDecision(id, applied(), "SPE_E3", T, 103L)).isFalse();
        assertThat(store.history(id)).extracting(SeatChangeEvent::actor).containsExactly(SUBMITTER, "job execution 102");
    }

    @Test
    void anIntentCanBeOpenedOnceForAQueuedRequest() {
        UUID id = queued.get(0);

        assertThat(intents.open(intent(id, 201L))).isTrue();
        assertThat(intents.open(intent(id, 202L))).isFalse();

        assertThat(intents.all()).singleElement().satisfies(open -> {
            assertThat(open.requestId()).isEqualTo(id);
            assertThat(open.jobExecutionId()).isEqualTo(201L);
        });
    }

    @Test
    void noIntentIsOpenedForARequestThatIsNoLongerQueued() {
        UUID decided = queued.get(0);
        UUID cancelled = queued.get(1);
        store.recordDecision(decided, applied(), "SPE_E3", T, 101L);
        store.cancel(cancelled, "ops.dave", "no", T);

        assertThat(intents.open(intent(decided, 201L))).isFalse();
        assertThat(intents.open(intent(cancelled, 201L))).isFalse();
        assertThat(intents.open(intent(UUID.randomUUID(), 201L))).isFalse();
        assertThat(intents.all()).isEmpty();
    }

    @Test
    void aClosedIntentOfARequestStillQueuedMayBeOpenedAgain() {
        UUID id = queued.get(0);
        intents.open(intent(id, 201L));
        intents.close(id); // recovery found the change not applied: the request stays QUEUED

        assertThat(intents.open(intent(id, 202L))).isTrue();
    }

    @Test
    void twoRunsOpeningIntentsConcurrentlyGetEachRequestOnce() throws Exception {
        List<Boolean> first = new ArrayList<>();
        List<Boolean> second = new ArrayList<>();
        race(
                () -> { queued.forEach(id -> first.add(inTransaction(() -> intents.open(intent(id, 301L))))); return null; },
                () -> { queued.forEach(id -> second.add(inTransaction(() -> intents.open(intent(id, 302L))))); return null; });

        for (int i = 0; i < queued.size(); i++) {
            assertThat(first.get(i) ^ second.get(i)).as("request %d opened exactly once", i).isTrue();
        }
        assertThat(intents.all()).hasSize(queued.size());
    }

    @Test
    void aCancelRacingARunsDecisionLetsExactlyOneWin() throws Exception {
        List<Boolean> cancels = new ArrayList<>();
        List<Boolean> decisions = new ArrayList<>();
        race(
                () -> { queued.forEach(id -> cancels.add(inTransaction(() -> store.cancel(id, "ops.dave", "race", T)))); return null; },
                () -> { queued.forEach(id -> decisions.add(inTransaction(() -> store.recordDecision(id, applied(), "SPE_E3", T, 401L)))); return null; });

        for (int i = 0; i < queued.size(); i++) {
            UUID id = queued.get(i);
            assertThat(cancels.get(i) ^ decisions.get(i)).as("request %d decided once", i).isTrue();
            assertThat(store.history(id)).hasSize(2);
            assertThat(store.find(id).orElseThrow().status())
                    .isEqualTo(cancels.get(i) ? SeatChangeStatus.CANCELLED : SeatChangeStatus.APPLIED);
        }
    }

    @Test
    void aGroupOfIntentsOpensOnlyForTheRequestsStillQueuedThatNobodyHolds() {
        UUID decided = queued.get(0);
        UUID cancelled = queued.get(1);
        UUID held = queued.get(2);
        UUID free = queued.get(3);
        UUID alsoFree = queued.get(4);
        store.recordDecision(decided, applied(), "SPE_E3", T, 101L);
        store.cancel(cancelled, "ops.dave", "no", T);
        intents.open(intent(held, 201L));

        Set<UUID> opened = intents.openAll(List.of(intent(decided, 202L), intent(cancelled, 202L), intent(held, 202L),
                intent(free, 202L), intent(UUID.randomUUID(), 202L), intent(alsoFree, 202L)));

        assertThat(opened).containsExactly(free, alsoFree);
        assertThat(intents.all()).extracting(OpenIntent::requestId).containsExactlyInAnyOrder(held, free, alsoFree);
    }

    @Test
    void twoRunsOpeningOverlappingGroupsOfIntentsConcurrentlyGetEachRequestOnce() throws Exception {
        List<UUID> reversed = new ArrayList<>(queued);
        Collections.reverse(reversed);
        Set<UUID> first = ConcurrentHashMap.newKeySet();
        Set<UUID> second = ConcurrentHashMap.newKeySet();
        race(
                () -> { first.addAll(transaction.execute(status -> intents.openAll(intents(queued, 301L)))); return null; },
                () -> { second.addAll(transaction.execute(status -> intents.openAll(intents(reversed, 302L)))); return null; });

        for (int i = 0; i < queued.size(); i++) {
            UUID id = queued.get(i);
            assertThat(first.contains(id) ^ second.contains(id)).as("request %d opened exactly once", i).isTrue();
        }
        assertThat(intents.all()).hasSize(queued.size());
    }

    @Test
    void aGroupOfDecisionsRecordsOnlyTheRequestsStillQueuedAndAuditsEachFinalOneOnce() {
        UUID cancelled = queued.get(0);
        UUID rejected = queued.get(1);
        UUID waiting = queued.get(2);
        store.cancel(cancelled, "ops.dave", "no", T);
        SeatChangeDecision stillQueued = new SeatChangeDecision(SeatChangeStatus.QUEUED, ReasonCode.WAITING_FOR_WINDOW,
                10, null, Instant.parse("2026-12-02T00:00:00Z"), Instant.parse("2026-12-09T00:00:00Z"), "waiting", null);

        Set<UUID> recorded = store.recordDecisions(List.of(
                new SeatChangeStore.DecisionToRecord(cancelled, rejected(), "SPE_E3", T),
                new SeatChangeStore.DecisionToRecord(rejected, rejected(), "SPE_E3", T),
                new SeatChangeStore.DecisionToRecord(waiting, stillQueued, "SPE_E3", T)), 101L);

        assertThat(recorded).containsExactly(rejected, waiting);
        assertThat(store.find(cancelled).orElseThrow().status()).isEqualTo(SeatChangeStatus.CANCELLED);
        assertThat(store.find(rejected).orElseThrow().status()).isEqualTo(SeatChangeStatus.REJECTED);
        assertThat(store.find(waiting).orElseThrow().eligibleFrom()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(store.history(cancelled)).extracting(SeatChangeEvent::actor).containsExactly(SUBMITTER, "ops.dave");
        assertThat(store.history(rejected)).extracting(SeatChangeEvent::actor).containsExactly(SUBMITTER, "job execution 101");
        assertThat(store.history(waiting)).extracting(SeatChangeEvent::actor).containsExactly(SUBMITTER);
    }

    private static List<OpenIntent> intents(List<UUID> requestIds, long jobExecutionId) {
        return requestIds.stream().map(id -> intent(id, jobExecutionId)).toList();
    }

    private boolean inTransaction(Callable<Boolean> work) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    private static void race(Callable<Void> a, Callable<Void> b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Void> fa = pool.submit(() -> { start.await(); return a.call(); });
            Future<Void> fb = pool.submit(() -> { start.await(); return b.call(); });
            fa.get(30, TimeUnit.SECONDS);
            fb.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    private static OpenIntent intent(UUID requestId, long jobExecutionId) {
        return new OpenIntent(requestId, SNAPSHOT, "ct-1", 10, 9, null, null, T, Path.of("/tmp/outbox"), jobExecutionId, T);
    }

    private static SeatChangeDecision rejected() {
        return new SeatChangeDecision(SeatChangeStatus.REJECTED, ReasonCode.NOT_BILLED, 10, null, null, null,
                "not billed", null);
    }

    private static SeatChangeDecision applied() {
        return new SeatChangeDecision(SeatChangeStatus.APPLIED, null, 10, 9, null, null, "removed 1", null);
    }
}
