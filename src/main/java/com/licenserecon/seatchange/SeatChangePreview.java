package com.licenserecon.seatchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What a seat change run at T would decide, changing nothing: the queued requests decided in memory on
 * the latest provider snapshot, each seeing the subscription as the ones before it would leave it.
 */
@Service
public class SeatChangePreview {

    private final JdbcClient jdbc;
    private final SubscriptionSeats seats;

    public SeatChangePreview(JdbcClient jdbc, SubscriptionSeats seats) {
        this.jdbc = jdbc;
        this.seats = seats;
    }

    public SeatChangeRun.Result queuedAt(long snapshotId, Instant asOf) {
        List<SeatChangeRequest> queued = jdbc.sql(SeatChangeStore.QUEUED_IN_RUN_ORDER).query(SeatChangeStore.QUEUED_ROW)
                .list().stream().map(QueuedRequest::forRules).toList();
        return decide(snapshotId, asOf, queued);
    }

    private SeatChangeRun.Result decide(long snapshotId, Instant asOf, List<SeatChangeRequest> requests) {
        return SeatChangeRun.decide(requests, id -> seats.subscription(snapshotId, id),
                id -> seats.subscription(snapshotId, id).flatMap(s -> seats.billingRecord(snapshotId, s)).isPresent(),
                asOf);
    }

    /**
     * What a run at {@code asOf} would decide for a request not queued yet.
     *
     * @param decision     the rules' decision for it
     * @param queuedBefore queued requests on the same subscription that the run decides first
     */
    public record NewRequest(SeatChangeDecision decision, int queuedBefore) {
    }

    /**
     * What a run at {@code asOf} would decide for a new request on the subscription, after every request
     * already queued (it is dated after them all, so the run order decides it last). Nothing is queued.
     */
    public NewRequest newRequest(long snapshotId, UUID subscriptionId, ChangeKind kind, int amount, Instant asOf) {
        SeatChangeRequest hypothetical = new SeatChangeRequest(UUID.randomUUID(), subscriptionId, kind, amount,
                Instant.MAX);
        // A run decides each subscription on its own state, so only the queued requests on this subscription can
        // change the new one's decision; the others would cost lookups and change nothing.
        List<SeatChangeRequest> requests = new ArrayList<>(jdbc.sql(SeatChangeStore.QUEUED_ON_SUBSCRIPTION_IN_RUN_ORDER)
                .param(subscriptionId).query(SeatChangeStore.QUEUED_ROW).list().stream()
                .map(QueuedRequest::forRules).toList());
        requests.add(hypothetical);
        SeatChangeRun.Result run = decide(snapshotId, asOf, requests);
        SeatChangeDecision decision = run.decisionFor(hypothetical.requestId()).orElseThrow();
        int queuedBefore = run.decisions().size() - 1;
        return new NewRequest(decision, queuedBefore);
    }
}
