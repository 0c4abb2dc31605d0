package com.licenserecon.web;

import com.licenserecon.sync.SyncProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Service;

/**
 * The published reports in {@code license-recon.sync.report-dir}, for the API and the pages alike. Only a plain
 * report name ({@code kind-YYYY-MM-DD.csv}) is listed or served, so no name can reach outside the folder; the
 * hidden staging files of a run in progress are never listed.
 */
@Service
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PublishedReports {

    /** A report's name: its kind and its as-of date. */
    public static final Pattern REPORT_NAME = Pattern.compile("[a-z-]+-\\d{4}-\\d{2}-\\d{2}\\.csv");

    private final SyncProperties sync;

    public PublishedReports(SyncProperties sync) {
        this.sync = sync;
    }

    public record ReportFile(String name, long size, Instant modified) {
    }

    /** Every report, newest first. */
    public List<ReportFile> list() throws IOException {
        Path dir = sync.reportDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> isReportName(f.getFileName().toString()))
                    .filter(Files::isRegularFile)
                    .flatMap(PublishedReports::describe)
                    .sorted(Comparator.comparing(ReportFile::modified).reversed().thenComparing(ReportFile::name))
                    .toList();
        }
    }

    public static boolean isReportName(String name) {
        return name != null && REPORT_NAME.matcher(name).matches();
    }

    /** The report's file; empty when the name is not a report name or there is no such report. */
    public Optional<Path> find(String name) {
        if (!isReportName(name)) {
            return Optional.empty();
        }
        Path dir = sync.reportDir().toAbsolutePath().normalize();
        Path file = dir.resolve(name).normalize();
        return file.getParent().equals(dir) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** A report deleted while the folder is listed (retention) is left out. */
    private static Stream<ReportFile> describe(Path file) {
        try {
            return Stream.of(new ReportFile(file.getFileName().toString(), Files.size(file),
                    Files.getLastModifiedTime(file).toInstant()));
        } catch (IOException e) {
            return Stream.empty();
        }
    }
}
