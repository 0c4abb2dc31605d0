package com.licenserecon.seatchange;

import com.licenserecon.provider.ProviderGateways;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of seat change runs ({@code license-recon.seat-changes.*}).
 *
 * @param windowHorizonDays the renewal-windows report lists windows opening within this many days
 * @param chunkSize requests decided per chunk, its applied changes committed and sent as one group; blank
 *        (null): the gateway's {@link ProviderGateways#changesPerChunk}
 */
@ConfigurationProperties("license-recon.seat-changes")
public record SeatChangeProperties(Integer windowHorizonDays, Integer chunkSize) {

    public SeatChangeProperties {
        windowHorizonDays = windowHorizonDays == null ? 30 : windowHorizonDays;
        if (chunkSize != null && chunkSize < 1) {
            throw new IllegalArgumentException("license-recon.seat-changes.chunk-size must be positive or blank: " + chunkSize);
        }
    }

    /** The requests per chunk: the setting, or where it is blank the gateway's. */
    public int chunkSize(ProviderGateways gateways) {
        return chunkSize != null ? chunkSize : gateways.changesPerChunk();
    }
}
