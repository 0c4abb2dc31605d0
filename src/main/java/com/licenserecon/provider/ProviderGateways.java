package com.licenserecon.provider;

import java.nio.file.Path;

/**
 * Gives the gateway of a run. A run records where its changes went (the outbox folder for the file
 * gateway), so a later run can ask that same place about a change whose outcome is unknown.
 */
public interface ProviderGateways {

    ProviderGateway forOutbox(Path outbox);

    /**
     * How many queued requests a seat-change chunk decides when {@code license-recon.seat-changes.chunk-size}
     * is blank. A chunk commits the intents of its applied changes, sends them, then commits their outcomes:
     * a few commits and forced writes whatever its size, while its intents stay open as long as its calls
     * last (a crash leaves that many for the next run to settle, a stop waits for them). A gateway that calls
     * out keeps chunks small.
     */
    default int changesPerChunk() {
        return 100;
    }
}
