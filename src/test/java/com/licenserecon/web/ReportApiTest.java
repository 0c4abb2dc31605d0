package com.licenserecon.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** /api/reports: FINANCE and ADMIN list and download the published reports; nothing outside the folder. */
class ReportApiTest extends WebApiTest {

    private static final String OLDER = "reconciliation-2026-11-25.csv";
    private static final String NEWER = "reconciliation-2026-11-26.csv";
    private static final String CONTENT = "customer_tenant_id,result\nb8a1abcd-1a69-46c7-8da4-f9fc3c6da5d7,OK\n";

    @BeforeEach
    void reports() throws IOException {
        try (Stream<Path> files = Files.list(REPORT_DIR)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        write(OLDER, "a,b\n1,2\n", "2026-11-25T02:10:00Z");
        write(NEWER, CONTENT, "2026-11-26T02:10:00Z");
        write(".reconciliation-2026-11-27.csv.part", "half", "2026-11-27T02:10:00Z");
        write("notes.txt", "not a report", "2026-11-27T02:10:00Z");
        Files.writeString(REPORT_DIR.getParent().resolve("secret-2026-01-01.csv"), "outside");
    }

    private static void write(String name, String content, String modified) throws IOException {
        Path file = Files.writeString(REPORT_DIR.resolve(name), content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modified)));
    }

    @Test
    void listingIsForFinanceOrAdminNewestFirst() {
        assertRefused(() -> mvc.get().uri("/api/reports"), OPS);

        MvcTestResult list = mvc.get().uri("/api/reports").with(as(FINANCE)).exchange();

        assertThat(list).hasStatusOk();
        assertThat(list).bodyJson().isStrictlyEqualTo("""
                [{"name": "%s", "size": %d, "modified": "2026-11-26T02:10:00Z"},
                 {"name": "%s", "size": 8, "modified": "2026-11-25T02:10:00Z"}]"""
                .formatted(NEWER, CONTENT.length(), OLDER));
        assertThat(mvc.get().uri("/api/reports").with(as(ADMIN)).exchange()).hasStatusOk();
    }

    @Test
    void aReportDownloadsAsCsv() {
        assertRefused(() -> mvc.get().uri("/api/reports/" + NEWER), OPS);

        MvcTestResult download = mvc.get().uri("/api/reports/" + NEWER).with(as(FINANCE)).exchange();

        assertThat(download).hasStatusOk();
        assertThat(download).hasContentType("text/csv;charset=UTF-8");
        assertThat(download).hasHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + NEWER + "\"");
        assertThat(download).hasBodyTextEqualTo(CONTENT);
    }

    @Test
    void aNameThatIsNotAPlainReportNameIsA400AndAnUnknownReportA404() {
        for (String name : List.of("notes.txt", "Reconciliation-2026-11-26.csv", ".reconciliation-2026-11-27.csv.part",
                "..%2Fsecret-2026-01-01.csv", "reconciliation-2026-11-26.csv;x", "..")) {
            MvcTestResult result = mvc.get().uri("/api/reports/" + name).with(as(ADMIN)).exchange();
            assertProblem(result, 400);
            assertThat(body(result)).as(name).doesNotContain("outside");
        }
        assertProblem(mvc.get().uri("/api/reports/rejects-2026-11-26.csv").with(as(ADMIN)).exchange(), 404);
    }

    @Test
    void aSyncPublishesItsReportsForDownload() throws Exception {
        givenTheSampleNight();

        MvcTestResult list = mvc.get().uri("/api/reports").with(as(FINANCE)).exchange();

        assertThat(list).bodyJson().extractingPath("$[*].name").asArray()
                .contains("reconciliation-2026-11-26.csv", "reconciliation-summary-2026-11-26.csv", "rejects-2026-11-26.csv");
        MvcTestResult summary = mvc.get().uri("/api/reports/reconciliation-summary-2026-11-26.csv").with(as(FINANCE)).exchange();
        assertThat(summary).hasStatusOk();
        assertThat(summary).bodyText().startsWith("metric,code,currency,value");
    }
}
