package com.licenserecon.web;

import com.licenserecon.web.PublishedReports.ReportFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
 * The published reports (roles FINANCE, ADMIN): a list, and each as a CSV download. Which files count as
 * reports, and that no name reaches outside the report folder, is {@link PublishedReports}'.
 */
@RestController
@RequestMapping("/api/reports")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ReportController {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final PublishedReports reports;

    public ReportController(PublishedReports reports) {
        this.reports = reports;
    }

    /** Every report, newest first. */
    @GetMapping
    public List<ReportFile> list() throws IOException {
        return reports.list();
    }

    @GetMapping("/{name}")
    public ResponseEntity<Resource> download(@PathVariable String name) {
        if (!PublishedReports.isReportName(name)) {
            throw Problems.badRequest("name", "is not a report name such as reconciliation-2026-11-26.csv");
        }
        Path file = reports.find(name).orElseThrow(() -> Problems.notFound("There is no report " + name + "."));
        return attachment(file);
    }

    /** A report as a CSV download under its own name. */
    public static ResponseEntity<Resource> attachment(Path file) {
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.getFileName().toString()).build().toString())
                .body(new FileSystemResource(file));
    }
}
