package com.licenserecon.schedule;

import com.licenserecon.sync.SnapshotPartitions;
import com.licenserecon.sync.SyncProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes reports and provider snapshots older than {@code keep-days}. Kept whatever their age: the
 * latest accepted snapshot (seat changes work on it), snapshots an open seat change intent points at,
 * and the provider-changes outbox files (the record of what was sent to the provider).
 */
@Service
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final Pattern DATED_REPORT = Pattern.compile("(?<kind>[a-z-]+)-(?<date>\\d{4}-\\d{2}-\\d{2})\\.csv");
    private static final String OUTBOX = "provider-changes";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ScheduleProperties schedule;
    private final SyncProperties sync;
    private final SnapshotPartitions partitions;

    public Retention(JdbcClient jdbc, TransactionTemplate transaction, ScheduleProperties schedule, SyncProperties sync,
            SnapshotPartitions partitions) {
        this.partitions = partitions;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.schedule = schedule;
        this.sync = sync;
    }

    public void run(Instant now) {
        Instant cutoff = now.minus(schedule.keepDays(), ChronoUnit.DAYS);
        int files = deleteReports(cutoff.atZone(ZoneOffset.UTC).toLocalDate());
        List<Long> snapshots = jdbc.sql("""
                SELECT snapshot_id FROM provider_snapshot s
                WHERE s.as_of < ?
                  AND s.snapshot_id <> COALESCE((SELECT MAX(snapshot_id) FROM provider_snapshot WHERE accepted = TRUE), -1)
                  AND NOT EXISTS (SELECT 1 FROM seat_change_intent i WHERE i.snapshot_id = s.snapshot_id)""")
                .param(Timestamp.from(cutoff)).query(Long.class).list();
        int deleted = 0;
        for (long snapshot : snapshots) {
            try {
                transaction.executeWithoutResult(status -> {
                    boolean dropped = partitions.drop(snapshot);
                    for (String table : new String[] {"reconciliation_result", "provider_reject", "provider_unread_customer",
                            "provider_mapping_gap", "provider_subscription", "provider_snapshot"}) {
                        if (!dropped || !SnapshotPartitions.partitionedTable(table)) {
                            jdbc.sql("DELETE FROM " + table + " WHERE snapshot_id = ?").param(snapshot).update();
                        }
                    }
                });
                deleted++;
            } catch (PessimisticLockingFailureException e) {
                log.info("retention: snapshot {} kept until the next run: its tables were in use", snapshot);
            }
        }
        log.info("retention: deleted {} report files and {} provider snapshots older than {} days",
                files, deleted, schedule.keepDays());
    }

    private int deleteReports(LocalDate cutoff) {
        Path dir = sync.reportDir();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher name = DATED_REPORT.matcher(file.getFileName().toString());
                if (name.matches() && !OUTBOX.equals(name.group("kind"))
                        && LocalDate.parse(name.group("date")).isBefore(cutoff)) {
                    Files.delete(file);
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
        return deleted;
    }
}
