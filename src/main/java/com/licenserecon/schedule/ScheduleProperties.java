package com.licenserecon.schedule;

import java.nio.file.Path;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The schedules of {@code serve} ({@code license-recon.schedule.*}): Quartz cron expressions, read in
 * one time zone.
 *
 * @param zone the time zone of the cron expressions
 * @param syncCron when the nightly sync runs
 * @param inbox where the provider files arrive; the nightly sync takes the newest
 * @param archive where a provider file goes once a sync imported it
 * @param seatChangesCron when queued seat changes are decided (often, so that no window is missed)
 * @param retentionCron when old reports and snapshots are deleted
 * @param keepDays how long reports and provider snapshots are kept
 */
@ConfigurationProperties("license-recon.schedule")
public record ScheduleProperties(ZoneId zone, String syncCron, Path inbox, Path archive, String seatChangesCron,
        String retentionCron, Integer keepDays) {

    public ScheduleProperties {
        zone = zone == null ? ZoneId.of("UTC") : zone;
        syncCron = syncCron == null ? "0 0 2 * * ?" : syncCron;
        inbox = inbox == null ? Path.of("inbox") : inbox;
        archive = archive == null ? inbox.resolve("archive") : archive;
        seatChangesCron = seatChangesCron == null ? "0 15 * * * ?" : seatChangesCron;
        retentionCron = retentionCron == null ? "0 30 3 * * ?" : retentionCron;
        keepDays = keepDays == null ? 400 : keepDays;
    }
}
