package com.licenserecon.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenserecon.ctlicense.CtLicenseImporter;
import com.licenserecon.report.ReconciliationReport;
import com.licenserecon.support.CsvFiles;
import com.licenserecon.support.PostgresJobTest;
import com.licenserecon.support.SampleData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** licenseSyncJob on PostgreSQL, driven through Spring Batch's test support; small chunks, so a failure lands mid-file. */
@TestPropertySource(properties = "license-recon.sync.chunk-size=50")
class LicenseSyncJobTest extends PostgresJobTest {

    private static final Instant AS_OF = Instant.parse(SampleData.AS_OF);

    @Autowired
    JobOperatorTestUtils jobOperatorTestUtils;

    @Autowired
    CtLicenseImporter ctLicenseImporter;

    @Autowired
    SyncLauncher syncLauncher;

    @TempDir
    Path reports;

    @BeforeEach
    void givenTheSampleCtRecords() {
        ctLicenseImporter.importFile(SampleData.CT_LICENSES);
    }

    @Test
    void theSampleNightReconcilesExactlyAsExpected() throws Exception {
        JobExecution execution = run(SampleData.PROVIDER_LICENSES, 0);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(CsvFiles.reconKeys(report("reconciliation")))
                .isEqualTo(CsvFiles.reconKeys(SampleData.EXPECTED_RECON));
    }

    @Test
    void theReportHasTheSpecifiedColumnsInOrder() throws Exception {
        run(SampleData.PROVIDER_LICENSES, 0);

        assertThat(CsvFiles.header(report("reconciliation"))).containsExactly(ReconciliationReport.HEADER);
    }

    @Test
    void reportRowsAreSortedByTenantSkuSubscriptionAndCtRecordWithBlanksLast() throws Exception {
        run(SampleData.PROVIDER_LICENSES, 0);

        List<Map<String, String>> rows = CsvFiles.read(report("reconciliation"));
        Comparator<String> blanksLast = Comparator.comparing(String::isEmpty).thenComparing(Comparator.naturalOrder());
        List<Map<String, String>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.<Map<String, String>, String>comparing(r -> r.get("customer_tenant_id"))
                .thenComparing(r -> r.get("sku_part_number"))
                .thenComparing(r -> r.get("subscription_id"), blanksLast)
                .thenComparing(r -> r.get("ct_license_id"), blanksLast));
        assertThat(rows).containsExactlyElementsOf(sorted);
    }

    @Test
    void theSummaryAddsUpToTheReport() throws Exception {
        run(SampleData.PROVIDER_LICENSES, 0);

        Map<String, String> summary = summary();
        long reportRows = CsvFiles.read(report("reconciliation")).size();
        assertThat(summary).containsEntry("provider_rows_read", "394").containsEntry("provider_rows_rejected", "0")
                .containsEntry("provider_subscriptions", "394").containsEntry("ct_records", "394")
                .containsEntry("report_rows", Long.toString(reportRows));
        assertThat(Long.parseLong(summary.get("ct_records")) + Long.parseLong(summary.get("provider_subscriptions"))
                - Long.parseLong(summary.get("matched_pairs"))).isEqualTo(reportRows);
        assertThat(summary).containsEntry("rows_with_code:AMBIGUOUS_MATCH", "1")
                .containsEntry("rows_with_code:MISSING_IN_CT", "9")
                .containsEntry("monthly_amount_delta_negative:USD", "-54648.50")
                .containsEntry("monthly_amount_delta_positive:USD", "293.00");
    }

    @Test
    void everyRunKeepsItsOwnSnapshot() throws Exception {
        run(SampleData.PROVIDER_LICENSES, 0);
        run(SampleData.PROVIDER_LICENSES, 1);

        assertThat(jdbc.sql("SELECT COUNT(DISTINCT snapshot_id) FROM provider_subscription").query(Long.class).single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reconciliation_result").query(Long.class).single()).isEqualTo(2 * 403);
    }

    @Test
    void aBadRowIsRejectedWithLineColumnValueAndReasonAndNotImported() throws Exception {
        Path file = withLines(SampleData.PROVIDER_LICENSES, Map.of(3, line -> line.replace(",active,", ",activ,")));

        JobExecution execution = run(file, 0);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(CsvFiles.read(report("rejects"))).singleElement().satisfies(reject -> assertThat(reject)
                .containsEntry("file", file.toString()).containsEntry("line_number", "3")
                .containsEntry("column", "status").containsEntry("value", "activ"));
        assertThat(summary()).containsEntry("provider_rows_read", "394").containsEntry("provider_rows_rejected", "1")
                .containsEntry("provider_subscriptions", "393");
    }

    @Test
    void aDuplicateSubscriptionIdKeepsItsFirstLineAndRejectsTheLaterOne() throws Exception {
        List<String> lines = Files.readAllLines(SampleData.PROVIDER_LICENSES);
        lines.add(lines.get(5));
        Path file = reports.resolve("duplicate.csv");
        Files.write(file, lines);

        run(file, 0);

        assertThat(CsvFiles.read(report("rejects"))).singleElement().satisfies(reject -> assertThat(reject)
                .containsEntry("line_number", "396").containsEntry("column", "subscription_id")
                .containsEntry("reason", "duplicate subscription_id, first seen on line 6"));
        assertThat(CsvFiles.reconKeys(report("reconciliation"))).isEqualTo(CsvFiles.reconKeys(SampleData.EXPECTED_RECON));
    }

    @Test
    void tooManyRejectedRowsFailTheRunAndPublishNoReconciliation() throws Exception {
        Path file = withLines(SampleData.PROVIDER_LICENSES, Map.of(
                2, line -> line.replace(",NCE,", ",NEC,"), 3, line -> line.replace(",NCE,", ",NEC,"),
                4, line -> line.replace(",NCE,", ",NEC,"), 5, line -> line.replace(",NCE,", ",NEC,"),
                6, line -> line.replace(",NCE,", ",NEC,")));

        JobExecution execution = run(file, 0);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getAllFailureExceptions().get(0)).hasMessageContaining("5 of 394 provider rows");
        assertThat(reports.resolve("reconciliation-2026-11-26.csv")).doesNotExist();
        assertThat(reports.resolve("reconciliation-summary-2026-11-26.csv")).doesNotExist();
        assertThat(CsvFiles.read(report("rejects"))).hasSize(5);
    }

    @Test
    void aMissingRequiredColumnFailsTheRunNamingTheColumn() throws Exception {
        Path file = withLines(SampleData.PROVIDER_LICENSES, Map.of(1, line -> line.replace("term_end", "term_stop")));

        JobExecution execution = run(file, 0);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getAllFailureExceptions().get(0)).rootCause()
                .hasMessageContaining(file.toString()).hasMessageContaining("missing required column term_end");
        assertThat(reports.resolve("reconciliation-2026-11-26.csv")).doesNotExist();
    }

    @Test
    void aFileWithOnlyItsHeaderFailsTheRunAndPublishesNothing() throws Exception {
        Path file = reports.resolve("header-only.csv");
        Files.writeString(file, Files.readAllLines(SampleData.PROVIDER_LICENSES).get(0) + "\n");

        JobExecution execution = run(file, 0);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getAllFailureExceptions().get(0)).hasMessageContaining("no subscription was imported");
        assertThat(reports.resolve("reconciliation-2026-11-26.csv")).doesNotExist();
    }

    @Test
    void aProviderFileThatShrankBelowTheThresholdFailsNamingBothCounts() throws Exception {
        run(SampleData.PROVIDER_LICENSES, 0);
        List<String> lines = Files.readAllLines(SampleData.PROVIDER_LICENSES);
        Path truncated = reports.resolve("truncated.csv");
        Files.write(truncated, lines.subList(0, 301)); // 300 of 394 subscriptions: 76%

        JobExecution refused = run(truncated, 1);
        JobExecution accepted = syncLauncher.launch(new SyncJobParameters(AS_OF, 0, truncated, reports, true), true);

        assertThat(refused.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(refused.getAllFailureExceptions().get(0))
                .hasMessageContaining("holds 300 subscriptions, fewer than 90% of the 394")
                .hasMessageContaining("--accept-shrink");
        assertThat(accepted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void aSecondSyncForTheSameDateIsRefusedNamingTheEarlierRun() throws Exception {
        JobExecution first = syncLauncher.launch(request(SampleData.PROVIDER_LICENSES), false);

        assertThatThrownBy(() -> syncLauncher.launch(request(SampleData.PROVIDER_LICENSES), false))
                .isInstanceOf(RunRefusedException.class)
                .hasMessageContaining("already ran: execution " + first.getId())
                .hasMessageContaining("--rerun");
    }

    @Test
    void aRerunOfACompletedDateIsANewRun() throws Exception {
        JobExecution first = syncLauncher.launch(request(SampleData.PROVIDER_LICENSES), false);
        JobExecution second = syncLauncher.launch(request(SampleData.PROVIDER_LICENSES), true);

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(second.getJobInstanceId()).isNotEqualTo(first.getJobInstanceId());
    }

    @Test
    void givenAReconcilePartThatFailed_whenTheRunIsRepeatedAfterTheCtRecordsChanged_thenEveryPartIsDoneAgainInOneSnapshot()
            throws Exception {
        // Given a run whose second reconcile part fails (an event trigger refuses to create its table), after
        // the first part committed its rows
        jdbc.sql("""
                CREATE FUNCTION refuse_second_part() RETURNS event_trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands()
                               WHERE object_identity LIKE current_schema() || '.reconciliation_result_%_p1_of_2') THEN
                        RAISE EXCEPTION 'drill: the second part fails';
                    END IF;
                END $$""").update();
        jdbc.sql("CREATE EVENT TRIGGER refuse_second_part ON ddl_command_end WHEN TAG IN ('CREATE TABLE AS')"
                + " EXECUTE FUNCTION refuse_second_part()").update();
        JobExecution failed;
        try {
            failed = syncLauncher.launch(request(SampleData.PROVIDER_LICENSES), false);
        } finally {
            jdbc.sql("DROP EVENT TRIGGER refuse_second_part").update();
        }
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        long snapshot = failed.getJobInstanceId();
        assertThat(jdbc.sql("SELECT to_regclass(?) IS NOT NULL").param("reconciliation_result_%d_p0_of_2".formatted(snapshot))
                .query(Boolean.class).single()).as("the first part committed").isTrue();

        // When the CT records of the first part's tenants change (one of them goes), and the run is repeated
        String gone = jdbc.sql("""
                SELECT ct_license_id FROM ct_license WHERE customer_tenant_id < CAST('80000000-0000-0000-0000-000000000000' AS UUID)
                ORDER BY ct_license_id LIMIT 1""").query(String.class).single();
        jdbc.sql("DELETE FROM ct_license WHERE ct_license_id = ?").param(gone).update();
        JobExecution restarted = syncLauncher.launch(request(SampleData.PROVIDER_LICENSES), false);

        // Then both parts were computed again: the results are exactly those of the records as they are now
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstanceId()).isEqualTo(snapshot);
        String now = com.licenserecon.reconcile.ReconciliationQuery.selectResults(snapshot);
        String stored = "SELECT " + String.join(", ", com.licenserecon.reconcile.ReconciliationQuery.RESULT_COLUMNS)
                + " FROM reconciliation_result WHERE snapshot_id = " + snapshot;
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ((" + now + ") EXCEPT ALL (" + stored + ")) d").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ((" + stored + ") EXCEPT ALL (" + now + ")) d").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reconciliation_result WHERE snapshot_id = ? AND ct_license_id = ?")
                .params(snapshot, gone).query(Long.class).single()).isZero();
    }

    @Test
    void repeatingAFailedRunRestartsItWithoutDuplicateRows() throws Exception {
        // Given a file whose line 200 is not UTF-8: the import fails there, after committing earlier chunks.
        byte[] good = Files.readAllBytes(SampleData.PROVIDER_LICENSES);
        Path file = reports.resolve("provider.csv");
        Files.write(file, corruptLine(good, 200));
        JobExecution failed = syncLauncher.launch(request(file), false);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getAllFailureExceptions().get(0)).rootCause().hasMessageContaining("line 200")
                .hasMessageContaining("UTF-8");
        long committedBeforeFailure = rowsOf(failed.getJobInstanceId());
        assertThat(committedBeforeFailure).isPositive().isLessThan(394);

        // When the file is corrected and the same command is repeated
        Files.write(file, good);
        JobExecution restarted = syncLauncher.launch(request(file), false);

        // Then the same run resumes and completes, with every row once
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
        assertThat(rowsOf(restarted.getJobInstanceId())).isEqualTo(394);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT subscription_id) FROM provider_subscription").query(Long.class).single())
                .isEqualTo(394);
        assertThat(CsvFiles.reconKeys(report("reconciliation"))).isEqualTo(CsvFiles.reconKeys(SampleData.EXPECTED_RECON));
    }

    @Test
    void aLineLongerThanTheLimitFailsTheRunNamingFileAndLineAndLeavesTheLastReportsAsTheyWere() throws Exception {
        // Given a completed night, and then a file whose line 120 is longer than the configured 65,536 characters
        run(SampleData.PROVIDER_LICENSES, 0);
        byte[] published = Files.readAllBytes(report("reconciliation"));
        byte[] publishedSummary = Files.readAllBytes(report("reconciliation-summary"));
        Path file = withLines(SampleData.PROVIDER_LICENSES, Map.of(120, line -> line + "x".repeat(70_000)));

        // When that night is run again
        JobExecution failed = run(file, 1);

        // Then the run fails at the line, and the reports of the earlier run stay as they were
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getAllFailureExceptions().get(0)).rootCause().hasMessageContaining(file.toString())
                .hasMessageContaining("line 120").hasMessageContaining("longer than 65,536 characters");
        assertThat(report("reconciliation")).hasBinaryContent(published);
        assertThat(report("reconciliation-summary")).hasBinaryContent(publishedSummary);
    }

    private long rowsOf(long snapshotId) {
        return jdbc.sql("SELECT COUNT(*) FROM provider_subscription WHERE snapshot_id = ?").param(snapshotId)
                .query(Long.class).single();
    }

    private static byte[] corruptLine(byte[] content, int lineNumber) {
        byte[] copy = content.clone();
        int line = 1;
        for (int i = 0; i < copy.length; i++) {
            if (line == lineNumber) {
                copy[i] = (byte) 0xE9; // Latin-1 'é', invalid on its own in UTF-8
                return copy;
            }
            if (copy[i] == '\n') {
                line++;
            }
        }
        throw new IllegalArgumentException("no line " + lineNumber);
    }

    private SyncJobParameters request(Path providerFile) {
        return new SyncJobParameters(AS_OF, 0, providerFile, reports);
    }

    private JobExecution run(Path providerFile, long rerun) throws Exception {
        return jobOperatorTestUtils.startJob(new SyncJobParameters(AS_OF, rerun, providerFile, reports).toJobParameters());
    }

    private Path report(String kind) {
        return reports.resolve(kind + "-2026-11-26.csv");
    }

    /** The summary as metric[:code][:currency] -> value. */
    private Map<String, String> summary() {
        Map<String, String> byKey = new java.util.HashMap<>();
        for (Map<String, String> row : CsvFiles.read(report("reconciliation-summary"))) {
            String key = row.get("metric") + (row.get("code").isEmpty() ? "" : ":" + row.get("code"))
                    + (row.get("currency").isEmpty() ? "" : ":" + row.get("currency"));
            byKey.put(key, row.get("value"));
        }
        return byKey;
    }

    private Path withLines(Path source, Map<Integer, java.util.function.UnaryOperator<String>> edits) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(source, StandardCharsets.UTF_8));
        edits.forEach((number, edit) -> lines.set(number - 1, edit.apply(lines.get(number - 1))));
        Path file = reports.resolve("edited-" + source.getFileName());
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
