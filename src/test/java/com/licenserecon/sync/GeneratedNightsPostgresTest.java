package com.licenserecon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.ctlicense.CtLicense;
import com.licenserecon.ctlicense.CtLicenseImporter;
import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.reconcile.LicenseMatcher;
import com.licenserecon.reconcile.ReconciliationResultStore;
import com.licenserecon.reconcile.ResultCode;
import com.licenserecon.report.ReconciliationReport;
import com.licenserecon.support.GeneratedNights;
import com.licenserecon.support.PostgresJobTest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Generated nights on PostgreSQL: for each seed, the job's reconciliation report holds exactly the rows
 * that {@code LicenseMatcher} computes from the same files, every column as the report writes it, and is
 * complete. A chunk size that divides nothing, so chunks end mid-customer.
 */
@TestPropertySource(properties = "license-recon.sync.chunk-size=333")
class GeneratedNightsPostgresTest extends PostgresJobTest {

    @Autowired
    JobOperatorTestUtils jobOperatorTestUtils;

    @Autowired
    CtLicenseImporter ctLicenseImporter;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}, {1} customers, as of {2}")
    @CsvSource({
            "1, 120, 2026-11-26T02:00:00Z",
            "20261126, 400, 2026-12-01T00:00:00Z",
            "-7046029254386353131, 900, 2027-02-28T23:59:59Z"})
    void theJobsReportEqualsTheInMemoryReconciliation(long seed, int customers, Instant asOf) throws Exception {
        GeneratedNights.Outcome outcome = GeneratedNights.check(seed, customers, asOf, dir, ctLicenseImporter,
                jobOperatorTestUtils);

        assertThat(outcome.reportRows()).isPositive();
    }

    @Autowired
    ReconciliationResultStore results;

    @org.junit.jupiter.api.Test
    void customersThatCouldNotBeReadGetNotAuditedInTheSqlExactlyAsTheRulesSay() throws Exception {
        // Given a generated night, and then every third CT customer marked as not read from the provider
        GeneratedNights.check(20261126, 200, Instant.parse("2026-11-26T02:00:00Z"), dir, ctLicenseImporter,
                jobOperatorTestUtils);
        long snapshot = jdbc.sql("SELECT MAX(snapshot_id) FROM provider_snapshot").query(Long.class).single();
        List<CtLicense> cts = GeneratedNights.readCtLicenses(dir.resolve("ct-licenses-20261126.csv"));
        List<ProviderSubscription> providers = GeneratedNights.readProviderSubscriptions(dir.resolve("provider-licenses-20261126.csv"));
        List<UUID> tenants = cts.stream().map(CtLicense::customerTenantId).distinct().sorted().toList();
        Set<UUID> unread = new HashSet<>();
        for (int i = 0; i < tenants.size(); i += 3) {
            unread.add(tenants.get(i));
            jdbc.sql("INSERT INTO provider_unread_customer (snapshot_id, customer_tenant_id, reason) VALUES (?, ?, ?)")
                    .params(snapshot, tenants.get(i), "drill").update();
        }

        // When the database reconciles the snapshot again
        results.deleteRun(snapshot);
        results.insertRun(snapshot);

        // Then its rows are the rules' rows, cell for cell, NOT_AUDITED ones included
        List<List<String>> expected = LicenseMatcher.reconcile(cts, providers, unread).stream()
                .map(GeneratedNights::reportCells).toList();
        List<List<String>> actual = jdbc.sql(ReconciliationReport.SQL).param(snapshot)
                .query(ReconciliationReport.CELLS).list().stream().map(Arrays::asList).toList();
        assertThat(actual).extracting(row -> row.get(row.size() - 1)).contains(ResultCode.NOT_AUDITED.name());
        GeneratedNights.assertSameRows(20261126, expected, actual);
    }

    @ParameterizedTest(name = "{0} parts")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3, 7})
    void givenTheNightSplitIntoRangesOfTenants_whenEachRangeIsDecidedAlone_thenTogetherTheyAreTheWholeNight(int parts)
            throws Exception {
        // Given a generated night (it links CT records to other customers' subscriptions), some customers unread
        GeneratedNights.check(1, 300, Instant.parse("2026-11-26T02:00:00Z"), dir, ctLicenseImporter, jobOperatorTestUtils);
        long snapshot = jdbc.sql("SELECT MAX(snapshot_id) FROM provider_snapshot").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO provider_unread_customer (snapshot_id, customer_tenant_id, reason)
                SELECT DISTINCT ?, customer_tenant_id, 'drill' FROM ct_license WHERE get_byte(uuid_send(customer_tenant_id), 15) % 4 = 0""")
                .param(snapshot).update();
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM ct_license c JOIN provider_subscription p ON p.snapshot_id = ? AND p.subscription_id = c.subscription_id
                WHERE p.customer_tenant_id <> c.customer_tenant_id""").param(snapshot).query(Long.class).single())
                .as("CT records linked to another customer's subscription").isPositive();
        // and, to be sure, an unread customer whose CT record names a subscription of a customer in another range
        // (its row stays in its own range), and CT records naming a subscription the snapshot does not hold
        List<com.licenserecon.reconcile.TenantRange> ranges = com.licenserecon.reconcile.TenantRange.split(parts);
        String acrossRanges = ranges.stream()
                .map(range -> "(%s AND NOT %s)".formatted(range.sql("c.customer_tenant_id"), range.sql("p.customer_tenant_id")))
                .collect(java.util.stream.Collectors.joining(" OR "));
        String linkedAcrossRanges = """
                FROM ct_license c JOIN provider_subscription p ON p.snapshot_id = ? AND p.subscription_id = c.subscription_id
                WHERE (%s)""".formatted(acrossRanges);
        String unread = "EXISTS (SELECT 1 FROM provider_unread_customer u WHERE u.snapshot_id = ? AND u.customer_tenant_id = c.customer_tenant_id)";
        jdbc.sql("INSERT INTO provider_unread_customer (snapshot_id, customer_tenant_id, reason) SELECT ?, c.customer_tenant_id, 'drill' "
                + linkedAcrossRanges + " AND NOT " + unread + " LIMIT 1").params(snapshot, snapshot, snapshot).update();
        assertThat(jdbc.sql("SELECT COUNT(*) " + linkedAcrossRanges + " AND " + unread).params(snapshot, snapshot)
                .query(Long.class).single()).as("unread customers linked to another range's subscription").isPositive();
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM ct_license c WHERE c.subscription_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM provider_subscription p WHERE p.snapshot_id = ? AND p.subscription_id = c.subscription_id)""")
                .param(snapshot).query(Long.class).single()).as("CT records naming a subscription not in the snapshot").isPositive();

        // When each range is decided alone
        String byRange = ranges.stream()
                .map(range -> com.licenserecon.reconcile.ReconciliationQuery.selectResults(snapshot, range))
                .map(select -> "(" + select + ")").collect(java.util.stream.Collectors.joining(" UNION ALL "));
        String whole = com.licenserecon.reconcile.ReconciliationQuery.selectResults(snapshot);

        // Then the ranges hold every row of the whole night exactly once, and each only its own tenants
        assertThat(jdbc.sql("SELECT COUNT(*) FROM (" + whole + ") w").query(Long.class).single())
                .isEqualTo(jdbc.sql("SELECT COUNT(*) FROM (" + byRange + ") r").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ((" + whole + ") EXCEPT ALL (" + byRange + ")) d").query(Long.class).single())
                .isZero();
        for (var range : ranges) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM (%s) r (%s) WHERE NOT %s".formatted(
                    com.licenserecon.reconcile.ReconciliationQuery.selectResults(snapshot, range),
                    String.join(", ", com.licenserecon.reconcile.ReconciliationQuery.RESULT_COLUMNS),
                    range.sql("customer_tenant_id"))).query(Long.class).single()).as(range.toString()).isZero();
        }
    }
}
