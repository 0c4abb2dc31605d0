package com.licenserecon.seatchange;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Decides and applies each request of a chunk in the run's order. Each request commits on its own inside
 * the applier (intent, provider call, outcome), so the chunk only groups the reading.
 */
public class SeatChangeWriter implements ItemWriter<QueuedRequest> {

    private final SeatChangeApplier applier;
    private final SeatChangeRunContext run;

    public SeatChangeWriter(SeatChangeApplier applier, SeatChangeRunContext run) {
        this.applier = applier;
        this.run = run;
    }

    @Override
    public void write(Chunk<? extends QueuedRequest> chunk) throws Exception {
        for (QueuedRequest request : chunk) {
            applier.decideAndApply(request, run);
        }
    }
}
