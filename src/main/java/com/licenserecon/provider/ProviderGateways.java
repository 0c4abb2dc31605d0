package com.licenserecon.provider;

import java.nio.file.Path;

/**
 * Gives the gateway of a run. A run records where its changes went (the outbox folder for the file
 * gateway), so a later run can ask that same place about a change whose outcome is unknown.
 */
public interface ProviderGateways {

    ProviderGateway forOutbox(Path outbox);
}
