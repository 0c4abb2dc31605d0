package com.licenserecon.ctlicense;

import com.licenserecon.csv.CsvLimits;
import com.licenserecon.csv.CsvRecord;
import com.licenserecon.csv.CsvRecordReader;
import com.licenserecon.csv.FieldError;
import com.licenserecon.csv.FileRefusedException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.licenserecon.sync.TableStatistics;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * import-ct: loads a CT licenses file all or nothing. Rows are streamed into a staging table inside one
 * transaction, checked as a set (duplicates, links already taken) and merged by ct_license_id; any bad
 * row rolls everything back.
 */
@Service
public class CtLicenseImporter {

    private static final Logger log = LoggerFactory.getLogger(CtLicenseImporter.class);
    private static final int BATCH = 1000;
    /** Errors kept for the message; the count goes on past it so a wholly wrong file still says how bad it is. */
    private static final int MAX_LISTED_ERRORS = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final CsvLimits limits;
    private final TableStatistics statistics;

    public CtLicenseImporter(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate transaction, Clock clock,
            CsvLimits limits, TableStatistics statistics) {
        this.statistics = statistics;
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.transaction = transaction;
        this.clock = clock;
        this.limits = limits;
    }

    public CtImportResult importFile(Path file) {
        return transaction.execute(status -> load(file));
    }

    private CtImportResult load(Path file) {
        long importId = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
        CtLicenseRowParser parser = new CtLicenseRowParser();
        List<FieldError> errors = new ArrayList<>();
        long errorCount = 0;
        long rows = 0;
        List<Object[]> batch = new ArrayList<>(BATCH);
        CsvRecordReader reader = new CsvRecordReader("ctLicenseReader", file, CtLicenseRowParser.REQUIRED, limits);
        reader.openOutsideStep();
        try {
            CsvRecord record;
            while ((record = reader.read()) != null) {
                rows++;
                CtLicenseRowParser.Result parsed = parser.parse(record);
                if (parsed instanceof CtLicenseRowParser.Valid v) {
                    batch.add(stagingRow(importId, v.lineNumber(), v.license()));
                    if (batch.size() == BATCH) {
                        stage(batch);
                    }
                } else if (parsed instanceof CtLicenseRowParser.Invalid invalid) {
                    for (FieldError e : invalid.errors()) {
                        errorCount++;
                        if (errors.size() < MAX_LISTED_ERRORS) {
                            errors.add(e);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        } finally {
            reader.close();
        }
        stage(batch);
        for (FieldError e : setErrors(importId, file.toString())) {
            errorCount++;
            if (errors.size() < MAX_LISTED_ERRORS) {
                errors.add(e);
            }
        }
        if (errorCount > 0) {
            throw new FileRefusedException(file.toString(), errors, errorCount, "nothing was loaded");
        }
        long updated = jdbc.sql("""
                SELECT COUNT(*) FROM ct_license_staging s JOIN ct_license c ON c.ct_license_id = s.ct_license_id
                WHERE s.import_id = ?""").param(importId).query(Long.class).single();
        jdbc.sql("""
                MERGE INTO ct_license t
                USING (SELECT * FROM ct_license_staging WHERE import_id = :importId) s
                ON t.ct_license_id = s.ct_license_id
                WHEN MATCHED THEN UPDATE SET customer_tenant_id = s.customer_tenant_id,
                    subscription_id = s.subscription_id, sku_part_number = s.sku_part_number,
                    display_name = s.display_name, ct_licenses = s.ct_licenses, renewal_date = s.renewal_date,
                    status = s.status, auto_renew = s.auto_renew, unit_price = s.unit_price, currency = s.currency,
                    updated_at = :now
                WHEN NOT MATCHED THEN INSERT (ct_license_id, customer_tenant_id, subscription_id, sku_part_number,
                    display_name, ct_licenses, renewal_date, status, auto_renew, unit_price, currency, updated_at)
                VALUES (s.ct_license_id, s.customer_tenant_id, s.subscription_id, s.sku_part_number, s.display_name,
                    s.ct_licenses, s.renewal_date, s.status, s.auto_renew, s.unit_price, s.currency, :now)
                """).param("importId", importId).param("now", Timestamp.from(clock.instant())).update();
        jdbc.sql("DELETE FROM ct_license_staging WHERE import_id = ?").param(importId).update();
        // The night's reconciliation plans its joins from these statistics; refreshed here, where the records
        // change in bulk, rather than in every sync.
        statistics.refresh("ct_license");
        CtImportResult result = new CtImportResult(file.toString(), rows, rows - updated, updated);
        log.info("import-ct {}: read {} rows, inserted {}, updated {}", file, rows, result.inserted(), result.updated());
        return result;
    }

    /** Rules that need the whole file, and the records already loaded. */
    private List<FieldError> setErrors(long importId, String file) {
        List<FieldError> errors = new ArrayList<>(jdbc.sql("""
                SELECT s.line_number, s.ct_license_id, f.first_line FROM ct_license_staging s
                JOIN (SELECT ct_license_id, MIN(line_number) AS first_line FROM ct_license_staging
                      WHERE import_id = :importId GROUP BY ct_license_id HAVING COUNT(*) > 1) f
                  ON f.ct_license_id = s.ct_license_id
                WHERE s.import_id = :importId AND s.line_number > f.first_line ORDER BY s.line_number""")
                .param("importId", importId)
                .query((rs, i) -> new FieldError(file, rs.getLong(1), "ct_license_id", rs.getString(2),
                        "duplicate ct_license_id, first seen on line " + rs.getLong(3)))
                .list());
        errors.addAll(jdbc.sql("""
                SELECT s.line_number, s.subscription_id, f.first_line FROM ct_license_staging s
                JOIN (SELECT subscription_id, MIN(line_number) AS first_line FROM ct_license_staging
                      WHERE import_id = :importId AND subscription_id IS NOT NULL
                      GROUP BY subscription_id HAVING COUNT(*) > 1) f
                  ON f.subscription_id = s.subscription_id
                WHERE s.import_id = :importId AND s.line_number > f.first_line ORDER BY s.line_number""")
                .param("importId", importId)
                .query((rs, i) -> new FieldError(file, rs.getLong(1), "subscription_id", rs.getString(2),
                        "subscription_id already billed by the record on line " + rs.getLong(3)))
                .list());
        // A link held by a record that this file does not mention would make the subscription billed twice.
        errors.addAll(jdbc.sql("""
                SELECT s.line_number, s.subscription_id, c.ct_license_id FROM ct_license_staging s
                JOIN ct_license c ON c.subscription_id = s.subscription_id AND c.ct_license_id <> s.ct_license_id
                WHERE s.import_id = :importId
                  AND NOT EXISTS (SELECT 1 FROM ct_license_staging o
                                  WHERE o.import_id = :importId AND o.ct_license_id = c.ct_license_id)
                ORDER BY s.line_number""")
                .param("importId", importId)
                .query((rs, i) -> new FieldError(file, rs.getLong(1), "subscription_id", rs.getString(2),
                        "subscription_id is already billed by CT license record " + rs.getString(3)))
                .list());
        return errors;
    }

    private void stage(List<Object[]> batch) {
        if (batch.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate("""
                INSERT INTO ct_license_staging (import_id, line_number, ct_license_id, customer_tenant_id,
                    subscription_id, sku_part_number, display_name, ct_licenses, renewal_date, status, auto_renew,
                    unit_price, currency)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch);
        batch.clear();
    }

    private static Object[] stagingRow(long importId, long line, CtLicense l) {
        return new Object[] {importId, line, l.ctLicenseId(), l.customerTenantId(), l.subscriptionId(),
                l.skuPartNumber(), l.displayName(), l.ctLicenses(), l.renewalDate(), l.status().name(), l.autoRenew(),
                l.unitPrice(), l.currency()};
    }
}
