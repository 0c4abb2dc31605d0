package com.licenserecon.seatchange;

import java.time.Instant;
import java.util.UUID;

/** A validated row of a seat change file (or an API call), not yet queued. */
public record NewSeatChange(UUID customerTenantId, UUID subscriptionId, ChangeKind kind, int amount,
        String requestedBy, Instant requestedAt, String requestKey, String note) {
}
