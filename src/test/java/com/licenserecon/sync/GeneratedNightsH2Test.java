package com.licenserecon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.ctlicense.CtLicenseImporter;
import com.licenserecon.support.BatchTestSupport;
import com.licenserecon.support.GeneratedNights;
import com.licenserecon.support.H2TestDatabase;
import com.licenserecon.support.Tables;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The generated nights of {@link GeneratedNightsPostgresTest} on the embedded default, H2 in PostgreSQL
 * mode (an in-memory database of this class's own): the same SQL must reconcile the same way there.
 */
@SpringBootTest(properties = {"license-recon.cli.enabled=false", "license-recon.sync.chunk-size=333"})
@Import(BatchTestSupport.class)
class GeneratedNightsH2Test {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        H2TestDatabase.register(registry, "generated_nights");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JobRepositoryTestUtils jobRepositoryTestUtils;

    @Autowired
    JobOperatorTestUtils jobOperatorTestUtils;

    @Autowired
    CtLicenseImporter ctLicenseImporter;

    @TempDir
    Path dir;

    @BeforeEach
    void emptyDatabase() {
        Tables.emptyAll(jdbc, jobRepositoryTestUtils);
    }

    @ParameterizedTest(name = "seed {0}, {1} customers, as of {2}")
    @CsvSource({
            "2, 120, 2026-11-26T02:00:00Z",
            "424242, 400, 2026-12-31T12:00:00Z",
            "8023117410339530573, 900, 2027-06-15T06:30:00Z"})
    void theJobsReportEqualsTheInMemoryReconciliation(long seed, int customers, Instant asOf) throws Exception {
        GeneratedNights.Outcome outcome = GeneratedNights.check(seed, customers, asOf, dir, ctLicenseImporter,
                jobOperatorTestUtils);

        assertThat(outcome.reportRows()).isPositive();
    }
}
