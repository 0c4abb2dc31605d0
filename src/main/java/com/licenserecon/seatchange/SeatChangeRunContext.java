package com.licenserecon.seatchange;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What a seat change run works on: the provider snapshot, its as-of instant T, where the file gateway's
 * outbox goes, and the job execution that answers for its decisions in the audit trail.
 */
public record SeatChangeRunContext(long snapshotId, Instant asOf, Path outbox, long jobExecutionId) {

    public String actor() {
        return "job execution " + jobExecutionId;
    }
}
