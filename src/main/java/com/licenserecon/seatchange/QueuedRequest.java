package com.licenserecon.seatchange;

import java.time.Instant;
import java.util.UUID;

/** A stored request as a run reads it from the queue. */
public record QueuedRequest(UUID requestId, String requestKey, UUID customerTenantId, UUID subscriptionId,
        ChangeKind kind, int amount, String requestedBy, Instant requestedAt) {

    public SeatChangeRequest forRules() {
        return new SeatChangeRequest(requestId, subscriptionId, kind, amount, requestedAt);
    }
}
