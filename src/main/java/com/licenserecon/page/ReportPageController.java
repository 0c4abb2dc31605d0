package com.licenserecon.page;

import com.licenserecon.web.PublishedReports;
import com.licenserecon.web.PublishedReports.ReportFile;
import com.licenserecon.web.ReportController;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/** Reports (FINANCE, ADMIN): the latest summary as a table, and every report as a download. */
@Controller
@RequestMapping("/ui/reports")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ReportPageController {

    static final String SUMMARY = "reconciliation-summary-";

    private final PublishedReports reports;

    public ReportPageController(PublishedReports reports) {
        this.reports = reports;
    }

    /** One line of a summary: {@code metric, code, currency, value}. */
    public record SummaryLine(String metric, String code, String currency, String value) {
    }

    @GetMapping
    String list(Model model) throws IOException {
        List<ReportFile> files = reports.list();
        // Newest summary by its date in the name, not by file time: a re-run of an old night is not "latest".
        Optional<ReportFile> latest = files.stream().filter(f -> f.name().startsWith(SUMMARY))
                .max(java.util.Comparator.comparing(ReportFile::name));
        model.addAttribute("files", files);
        model.addAttribute("latest", latest.map(ReportFile::name).orElse(null));
        model.addAttribute("summary", latest.flatMap(f -> reports.find(f.name())).map(ReportPageController::summary)
                .orElse(List.of()));
        return "reports";
    }

    @GetMapping("/{name}")
    ResponseEntity<Resource> download(@PathVariable String name) {
        Path file = reports.find(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "There is no report " + name + "."));
        return ReportController.attachment(file);
    }

    private static List<SummaryLine> summary(Path file) {
        List<SummaryLine> lines = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            com.opencsv.CSVReader csv = new com.opencsv.CSVReader(reader);
            String[] row;
            boolean header = true;
            while ((row = csv.readNext()) != null) {
                if (header) {
                    header = false;
                    continue;
                }
                if (row.length >= 4) {
                    lines.add(new SummaryLine(row[0], row[1], row[2], row[3]));
                }
            }
            return lines;
        } catch (Exception e) {
            throw new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR,
                    "The summary " + file.getFileName() + " cannot be read.", e);
        }
    }
}
