package com.licenserecon.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
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

    /** Piece {@code piece} of {@code pieces} of a report written in pieces at the same time. */
    public Path piece(String kind, int piece, int pieces) {
        return directory.resolve("." + fileName(kind) + "." + runId + ".piece" + piece + "-of-" + pieces);
    }

    /**
     * The pieces of a report written in pieces, in order; none if it was written whole, or joined already
     * (a join that stopped while deleting them leaves some: its staged report is whole, see {@link #join}).
     * The count is in each piece's name, so a piece missing is found, whichever it is.
     */
    public List<Path> pieces(String kind) {
        String prefix = "." + fileName(kind) + "." + runId + ".piece";
        List<Path> found;
        try (var files = Files.list(directory)) {
            found = files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list report folder " + directory, e);
        }
        if (found.isEmpty()) {
            return List.of();
        }
        String name = found.get(0).getFileName().toString();
        int pieces = Integer.parseInt(name.substring(name.lastIndexOf("-of-") + 4));
        List<Path> expected = new ArrayList<>();
        for (int piece = 0; piece < pieces; piece++) {
            expected.add(piece(kind, piece, pieces));
        }
        if (!new HashSet<>(found).equals(new HashSet<>(expected))) {
            if (Files.isRegularFile(staging(kind))) {
                delete(found);
                return List.of();
            }
            throw new IllegalStateException("%s: the pieces %s are not all of %s".formatted(fileName(kind), found, expected));
        }
        return expected;
    }

    /**
     * Writes the staged report from its header line and its pieces, in order, and deletes the pieces. The
     * report appears under its staging name only whole (written aside, then renamed), before any piece goes.
     */
    public void join(String kind, String headerLine, List<Path> pieces) {
        Path joining = directory.resolve(staging(kind).getFileName() + ".joining");
        try {
            try (var out = Files.newOutputStream(joining)) {
                out.write(headerLine.getBytes(StandardCharsets.UTF_8));
                for (Path piece : pieces) {
                    Files.copy(piece, out);
                }
            }
            move(joining, staging(kind));
            delete(pieces);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot join the pieces of " + staging(kind), e);
        }
    }

    private static void delete(List<Path> files) {
        try {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + files, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
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

    /**
     * Renames a staged report to its final name, replacing an earlier run's report for the same date. A
     * restart may find it renamed already: the process stopped after the rename and before its step recorded
     * that it finished. The staged file is then gone and the published one is this run's, which its time
     * tells apart from an earlier run's: this run's files were all written after {@code runBegan}, an earlier
     * run's before (runs of one night never overlap, see the run lock).
     */
    public Path publish(String kind, Instant runBegan) {
        Path from = staging(kind);
        Path to = published(kind);
        try {
            if (Files.notExists(from) && Files.exists(to) && !Files.getLastModifiedTime(to).toInstant().isBefore(runBegan)) {
                return to;
            }
            move(from, to);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + to, e);
        }
    }
}
