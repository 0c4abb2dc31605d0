package com.licenserecon.seatchange;

import java.util.List;
import java.util.UUID;

/** What a submission did: the requests it queued, and how many rows repeated an idempotency key. */
public record SubmitResult(List<Queued> queued, int skipped) {

    public record Queued(UUID requestId, String requestKey, long lineNumber) {
    }
}
