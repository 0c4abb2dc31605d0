package com.licenserecon.seatchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        return queuedAt(snapshotId, asOf, List.of());
    }

    /**
     * The same, with hypothetical requests decided alongside the queued ones (in run order, so a request
     * dated after every queued one is decided last): what would happen to a request not yet queued.
     */
    public SeatChangeRun.Result queuedAt(long snapshotId, Instant asOf, List<SeatChangeRequest> hypothetical) {
        List<SeatChangeRequest> queued = new ArrayList<>(jdbc.sql(SeatChangeStore.QUEUED_IN_RUN_ORDER)
                .query(SeatChangeStore.QUEUED_ROW).list().stream().map(QueuedRequest::forRules).toList());
        queued.addAll(hypothetical);
        return SeatChangeRun.decide(queued, id -> seats.subscription(snapshotId, id),
                id -> seats.subscription(snapshotId, id).flatMap(s -> seats.billingRecord(snapshotId, s)).isPresent(),
                asOf);
    }
}
