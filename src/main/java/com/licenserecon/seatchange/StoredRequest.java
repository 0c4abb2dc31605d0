package com.licenserecon.seatchange;

import java.time.Instant;
import java.util.UUID;

/** A request with everything known about it: what list, history and the report show. */
public record StoredRequest(UUID requestId, String requestKey, UUID customerTenantId, UUID subscriptionId,
        String skuPartNumber, ChangeKind kind, int amount, String requestedBy, Instant requestedAt, String note,
        SeatChangeStatus status, String reasonCode, String reason, Integer quantityBefore, Integer quantityAfter,
        Instant eligibleFrom, Instant windowCloses, Instant decidedAt) {
}
