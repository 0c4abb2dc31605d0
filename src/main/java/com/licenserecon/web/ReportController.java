package com.licenserecon.web;

import com.licenserecon.sync.SyncProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The published reports in {@code license-recon.sync.report-dir} (roles FINANCE, ADMIN): a list, and each
 * as a CSV download. Only a plain report name ({@code kind-YYYY-MM-DD.csv}) is served, so no path can
 * reach outside the folder; the hidden staging files of a run in progress are never listed.
 */
@RestController
@RequestMapping("/api/reports")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ReportController {

    /** A report's name: its kind and its as-of date. */
    static final Pattern REPORT_NAME = Pattern.compile("[a-z-]+-\\d{4}-\\d{2}-\\d{2}\\.csv");

    static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final SyncProperties sync;

    public ReportController(SyncProperties sync) {
        this.sync = sync;
    }

    public record ReportFile(String name, long size, Instant modified) {
    }

    /** Every report, newest first. */
    @GetMapping
    public List<ReportFile> list() throws IOException {
        Path dir = sync.reportDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> REPORT_NAME.matcher(f.getFileName().toString()).matches())
                    .filter(Files::isRegularFile)
                    .flatMap(ReportController::describe)
                    .sorted(Comparator.comparing(ReportFile::modified).reversed().thenComparing(ReportFile::name))
                    .toList();
        }
    }

    @GetMapping("/{name}")
    public ResponseEntity<Resource> download(@PathVariable String name) {
        if (!REPORT_NAME.matcher(name).matches()) {
            throw Problems.badRequest("name", "is not a report name such as reconciliation-2026-11-26.csv");
        }
        Path dir = sync.reportDir().toAbsolutePath().normalize();
        Path file = dir.resolve(name).normalize();
        if (!file.getParent().equals(dir) || !Files.isRegularFile(file)) {
            throw Problems.notFound("There is no report " + name + ".");
        }
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(new FileSystemResource(file));
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
