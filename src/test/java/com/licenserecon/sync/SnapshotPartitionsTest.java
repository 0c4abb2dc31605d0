package com.licenserecon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.ctlicense.CtLicenseImporter;
import com.licenserecon.schedule.Retention;
import com.licenserecon.support.PostgresJobTest;
import com.licenserecon.support.SampleData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** On PostgreSQL every night keeps its provider rows and results in partitions of its own (sql/postgresql/V11). */
@TestPropertySource(properties = {"license-recon.sync.chunk-size=50", "license-recon.schedule.keep-days=7",
        "license-recon.sync.report-dir=target/snapshot-partitions-test-reports"})
class SnapshotPartitionsTest extends PostgresJobTest {

    private static final Instant AS_OF = Instant.parse(SampleData.AS_OF);

    @Autowired
    JobOperatorTestUtils jobOperatorTestUtils;

    @Autowired
    CtLicenseImporter ctLicenseImporter;

    @Autowired
    Retention retention;

    @Autowired
    SnapshotPartitions partitions;

    @TempDir
    Path reports;

    @BeforeEach
    void givenTheSampleCtRecords() {
        ctLicenseImporter.importFile(SampleData.CT_LICENSES);
    }

    @Test
    void aNightsProviderRowsAndResultsAreInItsOwnPartitions() throws Exception {
        long snapshot = sync(AS_OF, 0).getJobInstanceId();

        assertThat(countIn("provider_subscription_" + snapshot))
                .isEqualTo(count("provider_subscription", snapshot)).isPositive();
        assertThat(countIn("reconciliation_result_" + snapshot)).isEqualTo(403);
    }

    @Test
    void aCompletePartitionIsIndexedForTheLookupsAndTheReportOrder() throws Exception {
        long snapshot = sync(AS_OF, 0).getJobInstanceId();

        assertThat(indexes("provider_subscription_" + snapshot)).containsExactlyInAnyOrder(
                "provider_subscription_%d_by_id".formatted(snapshot), "provider_subscription_%d_by_pair".formatted(snapshot));
        assertThat(indexes("reconciliation_result_" + snapshot))
                .containsExactly("reconciliation_result_%d_report_order".formatted(snapshot));
    }

    @Test
    void creatingAndIndexingAPartitionAgainChangesNothing() throws Exception {
        long snapshot = sync(AS_OF, 0).getJobInstanceId();

        for (String table : new String[] {SnapshotPartitions.PROVIDER, SnapshotPartitions.RESULTS}) {
            partitions.create(table, snapshot);
            partitions.index(table, snapshot);
        }

        assertThat(countIn("reconciliation_result_" + snapshot)).isEqualTo(403);
        assertThat(indexes("provider_subscription_" + snapshot)).hasSize(2);
        assertThat(indexes("reconciliation_result_" + snapshot)).hasSize(1);
    }

    @Test
    void givenANightsResults_whenTheyAreReconciledInParts_thenThePartitionHoldsOnePartPerRangeOfTenantsAsItsParent()
            throws Exception {
        long snapshot = sync(AS_OF, 0).getJobInstanceId();

        // The sync filled each part with CREATE TABLE AS: the parent's column types, NOT NULL, the snapshot and
        // the range of tenants as constraints; attached by tenant range, the whole attached by snapshot.
        String partition = "reconciliation_result_" + snapshot;
        assertThat(bound(partition)).isEqualTo("FOR VALUES FROM ('%d') TO ('%d')".formatted(snapshot, snapshot + 1));
        assertThat(columns(partition)).isEqualTo(columns("reconciliation_result"));
        List<com.licenserecon.reconcile.TenantRange> ranges = com.licenserecon.reconcile.TenantRange.split(2);
        long rows = 0;
        for (int part = 0; part < ranges.size(); part++) {
            String table = partition + "_p" + part + "_of_2";
            assertThat(columns(table)).isEqualTo(columns("reconciliation_result"));
            assertThat(bound(table)).isEqualTo(ranges.get(part).partitionBound());
            assertThat(jdbc.sql("SELECT COUNT(*) FROM pg_constraint WHERE conrelid = to_regclass(?) AND contype = 'c'")
                    .param(table).query(Long.class).single()).isEqualTo(2);
            assertThat(countIn(table)).isPositive();
            rows += countIn(table);
        }
        assertThat(rows).isEqualTo(403);
    }

    @Test
    void givenANightReconciledInParts_thenItsResultsHaveStatisticsAsAWholeAndPerPart() throws Exception {
        long snapshot = sync(AS_OF, 0).getJobInstanceId();

        // The renewal windows join the night's results as a whole: without these the planner hashed the
        // provider's wide rows instead of the results' narrow ones (a seat change run's piece 10% slower).
        for (String table : new String[] {"reconciliation_result_" + snapshot,
                "reconciliation_result_%d_p0_of_2".formatted(snapshot), "reconciliation_result_%d_p1_of_2".formatted(snapshot)}) {
            assertThat(jdbc.sql("""
                    SELECT a.attname FROM pg_statistic s JOIN pg_attribute a ON a.attrelid = s.starelid AND a.attnum = s.staattnum
                    WHERE s.starelid = to_regclass(?)""").param(table).query(String.class).list())
                    .as(table).containsExactlyInAnyOrder("snapshot_id", "customer_tenant_id", "subscription_id", "ct_licenses",
                            "currency", "result");
        }
    }

    @Test
    void givenAPartThatAFailedAttemptLeft_whenThePartIsFilledAgain_thenItIsReplaced() throws Exception {
        long snapshot = sync(AS_OF, 0).getJobInstanceId();
        long next = snapshot + 1000;
        jdbc.sql("INSERT INTO provider_snapshot (snapshot_id, as_of, source, created_at) VALUES (?, now(), 'x', now())")
                .param(next).update();
        var range = com.licenserecon.reconcile.TenantRange.split(2).get(1);
        String select = com.licenserecon.reconcile.ReconciliationQuery.selectResults(snapshot, range)
                .replaceFirst("SELECT " + snapshot + ",", "SELECT " + next + ",");
        var columns = com.licenserecon.reconcile.ReconciliationQuery.RESULT_COLUMNS;
        jdbc.sql("CREATE TABLE reconciliation_result_%d_p1_of_2 AS SELECT 1 AS left_behind".formatted(next)).update();

        var rows = partitions.createFilledPart(SnapshotPartitions.RESULTS, next, 1, 2, columns, select);

        assertThat(rows).hasValue(countIn("reconciliation_result_%d_p1_of_2".formatted(snapshot)));
        assertThat(columns("reconciliation_result_%d_p1_of_2".formatted(next))).isEqualTo(columns("reconciliation_result"));
    }

    @Test
    void givenAPartMissing_whenThePartsAreAttached_thenNothingIsAttached() {
        long snapshot = 1_000_001;
        jdbc.sql("INSERT INTO provider_snapshot (snapshot_id, as_of, source, created_at) VALUES (?, now(), 'x', now())")
                .param(snapshot).update();
        jdbc.sql("CREATE TABLE reconciliation_result_%d_p0_of_2 (LIKE reconciliation_result)".formatted(snapshot)).update();

        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> partitions.attachParts(SnapshotPartitions.RESULTS, snapshot))
                .withMessageContaining("reconciliation_result_%d_p1_of_2".formatted(snapshot));
        assertThat(exists("reconciliation_result_" + snapshot)).isFalse();
    }

    @Test
    void givenThePartsOfAFailedNight_whenRetentionDropsTheNight_thenThePartsAreDroppedToo() throws Exception {
        long old = sync(AS_OF.minus(Duration.ofDays(30)), 0).getJobInstanceId();
        sync(AS_OF, 0);
        jdbc.sql("ALTER TABLE reconciliation_result DETACH PARTITION reconciliation_result_" + old).update();
        jdbc.sql("ALTER TABLE reconciliation_result_%1$d DETACH PARTITION reconciliation_result_%1$d_p0_of_2".formatted(old)).update();
        jdbc.sql("DROP TABLE reconciliation_result_" + old).update();
        assertThat(exists("reconciliation_result_%d_p0_of_2".formatted(old))).isTrue();

        retention.run(AS_OF);

        assertThat(exists("reconciliation_result_%d_p0_of_2".formatted(old))).isFalse();
    }

    @Test
    void givenAnAttachedPartition_whenAPartIsCreatedFilledAgain_thenItIsLeftAsItIsForTheCallerToRewrite() throws Exception {
        long snapshot = sync(AS_OF, 0).getJobInstanceId();

        var again = partitions.createFilledPart(SnapshotPartitions.RESULTS, snapshot, 0, 2,
                com.licenserecon.reconcile.ReconciliationQuery.RESULT_COLUMNS,
                com.licenserecon.reconcile.ReconciliationQuery.selectResults(snapshot,
                        com.licenserecon.reconcile.TenantRange.split(2).get(0)));

        assertThat(again).isEmpty();
        assertThat(countIn("reconciliation_result_" + snapshot)).isEqualTo(403);
    }

    @Test
    void givenColumnsThatAreNotTheTables_whenAPartitionIsCreatedFilled_thenItIsRefusedAndNothingIsCreated() {
        long snapshot = 1_000_000;
        jdbc.sql("INSERT INTO provider_snapshot (snapshot_id, as_of, source, created_at) VALUES (?, now(), 'x', now())")
                .param(snapshot).update();

        org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> partitions.createFilledPart(
                SnapshotPartitions.RESULTS, snapshot, 0, 2, List.of("snapshot_id", "result"), "SELECT 1, 'OK'"));
        assertThat(exists("reconciliation_result_" + snapshot)).isFalse();
        assertThat(exists("reconciliation_result_%d_p0_of_2".formatted(snapshot))).isFalse();
    }

    @Test
    void aNightIsReadFromItsOwnPartition() throws Exception {
        long snapshot = sync(AS_OF, 0).getJobInstanceId();

        assertThat(partitions.relation(SnapshotPartitions.PROVIDER, snapshot)).isEqualTo("provider_subscription_" + snapshot);
        assertThat(partitions.relation(SnapshotPartitions.RESULTS, snapshot + 1000)).isEqualTo("reconciliation_result");
    }

    @Test
    void retentionDropsTheOldNightsPartitionsAndKeepsTheLatest() throws Exception {
        long old = sync(AS_OF.minus(Duration.ofDays(30)), 0).getJobInstanceId();
        long latest = sync(AS_OF, 0).getJobInstanceId();

        retention.run(AS_OF);

        assertThat(exists("provider_subscription_" + old)).isFalse();
        assertThat(exists("reconciliation_result_" + old)).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM provider_snapshot WHERE snapshot_id = ?").param(old).query(Long.class).single())
                .isZero();
        assertThat(countIn("provider_subscription_" + latest)).isPositive();
        assertThat(countIn("reconciliation_result_" + latest)).isEqualTo(403);
    }

    private JobExecution sync(Instant asOf, long rerun) throws Exception {
        JobExecution execution = jobOperatorTestUtils.startJob(
                new SyncJobParameters(asOf, rerun, SampleData.PROVIDER_LICENSES, reports).toJobParameters());
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return execution;
    }

    private long countIn(String relation) {
        return jdbc.sql("SELECT COUNT(*) FROM " + relation).query(Long.class).single();
    }

    private long count(String table, long snapshot) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE snapshot_id = ?").param(snapshot).query(Long.class).single();
    }

    private List<String> indexes(String relation) {
        return jdbc.sql("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?").param(relation).query(String.class).list();
    }

    private List<String> columns(String relation) {
        return jdbc.sql("""
                SELECT attname || ' ' || format_type(atttypid, atttypmod) || CASE WHEN attnotnull THEN ' NOT NULL' ELSE '' END
                FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped ORDER BY attnum""")
                .param(relation).query(String.class).list();
    }

    private String bound(String relation) {
        return jdbc.sql("SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE oid = to_regclass(?)").param(relation)
                .query(String.class).single();
    }

    private boolean exists(String relation) {
        return jdbc.sql("SELECT to_regclass(?) IS NOT NULL").param(relation).query(Boolean.class).single();
    }
}
