package com.licenserecon.seatchange;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of seat change runs ({@code license-recon.seat-changes.*}).
 *
 * @param windowHorizonDays the renewal-windows report lists windows opening within this many days
 * @param chunkSize requests decided per chunk; its applied changes are committed and sent as one group
 */
@ConfigurationProperties("license-recon.seat-changes")
public record SeatChangeProperties(Integer windowHorizonDays, Integer chunkSize) {

    public SeatChangeProperties {
        windowHorizonDays = windowHorizonDays == null ? 30 : windowHorizonDays;
        chunkSize = chunkSize == null ? 100 : chunkSize;
    }
}
