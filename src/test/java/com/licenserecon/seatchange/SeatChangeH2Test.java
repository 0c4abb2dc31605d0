package com.licenserecon.seatchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.ctlicense.CtLicenseImporter;
import com.licenserecon.support.BatchTestSupport;
import com.licenserecon.support.CsvFiles;
import com.licenserecon.support.H2TestDatabase;
import com.licenserecon.support.SampleData;
import com.licenserecon.support.Tables;
import com.licenserecon.sync.SyncJobParameters;
import com.licenserecon.sync.SyncLauncher;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample night's seat changes on the embedded default, H2 in PostgreSQL mode: a run reads a chunk's
 * subscriptions with {@code = ANY(?)} arrays, locks its requests together and writes in JDBC batches, and H2
 * must decide and apply exactly as PostgreSQL does (samples/expected-changes.csv, one outbox line per change).
 */
@SpringBootTest(properties = {"license-recon.cli.enabled=false", "license-recon.seat-changes.chunk-size=7"})
@Import(BatchTestSupport.class)
class SeatChangeH2Test {

    private static final Instant T = Instant.parse(SampleData.AS_OF);

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        H2TestDatabase.register(registry, "seat_changes");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JobRepositoryTestUtils jobRepositoryTestUtils;

    @Autowired
    CtLicenseImporter ctLicenseImporter;

    @Autowired
    SyncLauncher syncLauncher;

    @Autowired
    SeatChangeIntake intake;

    @Autowired
    SeatChangeLauncher seatChangeLauncher;

    @Autowired
    SeatChangeStore store;

    @TempDir
    Path reports;

    @BeforeEach
    void emptyDatabase() {
        Tables.emptyAll(jdbc, jobRepositoryTestUtils);
    }

    @Test
    void theSampleRequestsEndAsInExpectedChangesWithOneOutboxLinePerAppliedChange() throws Exception {
        ctLicenseImporter.importFile(SampleData.CT_LICENSES);
        assertThat(syncLauncher.launch(new SyncJobParameters(T, 0, SampleData.PROVIDER_LICENSES, reports), false)
                .getStatus()).isEqualTo(BatchStatus.COMPLETED);
        intake.submit(SampleData.SEAT_CHANGES, "ops.submitter");

        assertThat(seatChangeLauncher.launch(T, reports).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        SoftAssertions softly = new SoftAssertions();
        Map<String, StoredRequest> stored = new java.util.HashMap<>();
        store.list(null, null).forEach(r -> stored.put(r.requestKey(), r));
        List<Map<String, String>> expected = CsvFiles.read(SampleData.EXPECTED_CHANGES);
        assertThat(stored).hasSameSizeAs(expected);
        for (Map<String, String> row : expected) {
            String key = row.get("request_key");
            StoredRequest request = stored.get(key);
            softly.assertThat(request.status().name()).as("%s status", key).isEqualTo(row.get("status"));
            softly.assertThat(request.reasonCode() == null ? "" : request.reasonCode()).as("%s reason_code", key)
                    .isEqualTo(row.get("reason_code"));
            softly.assertThat(request.quantityAfter() == null ? "" : request.quantityAfter().toString())
                    .as("%s quantity_after", key).isEqualTo(row.get("quantity_after"));
            softly.assertThat(request.eligibleFrom() == null ? "" : request.eligibleFrom().toString())
                    .as("%s eligible_from", key).isEqualTo(row.get("eligible_from"));
        }
        softly.assertAll();
        List<String> outbox = CsvFiles.read(reports.resolve("provider-changes-2026-11-26.csv")).stream()
                .map(line -> line.get("request_id")).toList();
        assertThat(outbox).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                store.list(SeatChangeStatus.APPLIED, null).stream().map(r -> r.requestId().toString()).toList());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM seat_change_intent").query(Long.class).single()).isZero();
    }
}
