package com.licenserecon.seatchange;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A queued seat change request, as a run needs it.
 *
 * @param requestId      the request's id; breaks ties between requests queued at the same instant
 * @param subscriptionId the provider subscription to change
 * @param kind           add or remove seats
 * @param amount         seats to add or remove, {@code > 0}
 * @param requestedAt    when ops asked for the change; the run decides requests in this order
 */
public record SeatChangeRequest(UUID requestId, UUID subscriptionId, ChangeKind kind, int amount, Instant requestedAt) {

    public SeatChangeRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be > 0, was " + amount);
        }
    }
}
