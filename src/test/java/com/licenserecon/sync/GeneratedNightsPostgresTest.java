package com.licenserecon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.ctlicense.CtLicenseImporter;
import com.licenserecon.support.GeneratedNights;
import com.licenserecon.support.PostgresJobTest;
import java.nio.file.Path;
import java.time.Instant;
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
}
