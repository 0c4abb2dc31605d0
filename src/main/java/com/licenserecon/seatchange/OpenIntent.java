package com.licenserecon.seatchange;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/** A change recorded before it was sent to the provider, whose outcome is not yet recorded. */
public record OpenIntent(UUID requestId, long snapshotId, String ctLicenseId, int quantityBefore, int quantityAfter,
        String refundableAfter, String reason, Instant asOf, Path outbox, long jobExecutionId, Instant createdAt) {
}
