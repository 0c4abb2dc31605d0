package com.licenserecon.seatchange;

import java.util.ArrayList;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Decides and applies the requests of a chunk in the run's order. The applier commits on its own (the
 * chunk's intents together, then its outcomes together), so the chunk transaction only groups the reading.
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
        applier.decideAndApply(new ArrayList<>(chunk.getItems()), run);
    }
}
