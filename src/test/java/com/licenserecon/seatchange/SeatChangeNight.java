package com.licenserecon.seatchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.ctlicense.CtLicenseImporter;
import com.licenserecon.support.CsvFiles;
import com.licenserecon.support.PostgresJobTest;
import com.licenserecon.support.SampleData;
import com.licenserecon.sync.SyncJobParameters;
import com.licenserecon.sync.SyncLauncher;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sample night on PostgreSQL for the seat change tests: import-ct, sync at T, submit the sample requests,
 * apply at T; and the SQL views of the outcome that the tests compare before and after a run.
 */
abstract class SeatChangeNight extends PostgresJobTest {

    static final Instant T = Instant.parse(SampleData.AS_OF);
    static final String SUBMITTER = "ops.submitter";

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

    @Autowired
    SeatChangePreview preview;

    @TempDir
    Path reports;

    /** import-ct, then sync at T on the sample provider file; no request is queued yet, so the sync decides none. */
    void givenTheSampleNightSynced() throws Exception {
        ctLicenseImporter.importFile(SampleData.CT_LICENSES);
        sync(T, SampleData.PROVIDER_LICENSES);
    }

    JobExecution sync(Instant asOf, Path providerFile) throws Exception {
        JobExecution execution = syncLauncher.launch(new SyncJobParameters(asOf, 0, providerFile, reports), false);
        assertThat(execution.getStatus()).as("sync as of %s", asOf).isEqualTo(BatchStatus.COMPLETED);
        return execution;
    }

    SubmitResult submitSamples() throws Exception {
        return intake.submit(SampleData.SEAT_CHANGES, SUBMITTER);
    }

    JobExecution apply(Instant asOf) throws Exception {
        JobExecution execution = seatChangeLauncher.launch(asOf, reports);
        assertThat(execution.getStatus()).as("seat-changes apply as of %s", asOf).isEqualTo(BatchStatus.COMPLETED);
        return execution;
    }

    /** Every stored request by request_key. */
    Map<String, StoredRequest> requestsByKey() {
        return store.list(null, null).stream()
                .collect(Collectors.toMap(StoredRequest::requestKey, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    UUID idOf(String requestKey) {
        return jdbc.sql("SELECT request_id FROM seat_change_request WHERE request_key = ?").param(requestKey)
                .query(UUID.class).single();
    }

    /** expected-changes.csv by request_key. */
    static Map<String, Map<String, String>> expectedChanges() {
        return CsvFiles.read(SampleData.EXPECTED_CHANGES).stream()
                .collect(Collectors.toMap(r -> r.get("request_key"), Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    long latestSnapshot() {
        return seatChangeLauncher.latestSnapshot();
    }

    /** Provider quantity by subscription id in the latest snapshot. */
    Map<UUID, Integer> providerQuantities() {
        return jdbc.sql("SELECT subscription_id, quantity FROM provider_subscription WHERE snapshot_id = ?")
                .param(latestSnapshot())
                .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** ct_licenses by ct_license_id. */
    Map<String, Integer> ctLicenses() {
        return jdbc.sql("SELECT ct_license_id, ct_licenses FROM ct_license")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** status|reason_code|quantity_after|eligible_from by request id: what a run decides. */
    Map<UUID, String> outcomes() {
        return store.list(null, null).stream().collect(Collectors.toMap(StoredRequest::requestId,
                r -> r.status() + "|" + r.reasonCode() + "|" + r.quantityAfter() + "|" + r.eligibleFrom()));
    }

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    Path report(String kind, Instant asOf) {
        return reports.resolve(kind + "-" + asOf.atZone(ZoneOffset.UTC).toLocalDate() + ".csv");
    }

    static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    static List<String> keysWithStatus(Map<String, Map<String, String>> expected, String status) {
        return expected.entrySet().stream().filter(e -> e.getValue().get("status").equals(status))
                .map(Map.Entry::getKey).toList();
    }
}
