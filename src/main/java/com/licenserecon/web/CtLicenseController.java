package com.licenserecon.web;

import com.licenserecon.ctlicense.CtImportResult;
import com.licenserecon.ctlicense.CtLicenseImporter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Loads CT license records from a CSV body (role ADMIN), as {@code import-ct} does: all or nothing,
 * inserting or updating by ct_license_id; a bad file is a 400 problem listing every bad value.
 */
@RestController
@RequestMapping("/api/ct-licenses")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class CtLicenseController {

    private final CtLicenseImporter importer;

    public CtLicenseController(CtLicenseImporter importer) {
        this.importer = importer;
    }

    public record Imported(long rowsRead, long inserted, long updated) {
    }

    @PostMapping(consumes = {SeatChangeController.TEXT_CSV, "application/csv"})
    public Imported importCsv(HttpServletRequest request) throws Exception {
        CtImportResult result = CsvUpload.read(request.getInputStream(), importer::importFile);
        return new Imported(result.rowsRead(), result.inserted(), result.updated());
    }
}
