package com.licenserecon.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;

/**
 * Where a run's reports go. Each is written under a hidden staging name in the same folder and renamed
 * when whole, so a reader never sees half a report under its final name. The staging name carries the
 * run (the job instance, the same across restarts), because a sync and a seat change run of the same day
 * both write the seat change reports.
 */
public record ReportFiles(Path directory, LocalDate asOfDate, long runId) {

    public Path published(String kind) {
        return directory.resolve(fileName(kind));
    }

    public Path staging(String kind) {
        return directory.resolve("." + fileName(kind) + "." + runId + ".part");
    }

    public String fileName(String kind) {
        return kind + "-" + asOfDate + ".csv";
    }

    public void prepare() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create report folder " + directory, e);
        }
    }

    /** Renames a staged report to its final name, replacing an earlier run's report for the same date. */
    public Path publish(String kind) {
        Path from = staging(kind);
        Path to = published(kind);
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + to, e);
        }
    }
}
