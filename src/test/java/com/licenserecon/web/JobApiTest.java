package com.licenserecon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.licenserecon.seatchange.SeatChangeLauncher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** /api/jobs: ADMIN starts a job now and reads its runs from the job repository. */
class JobApiTest extends WebApiTest {

    @Autowired
    SeatChangeLauncher seatChangeLauncher;

    @Test
    void startingAJobIsForAdminAnd202() {
        assertRefused(() -> mvc.post().uri("/api/jobs/sync/runs"), OPS, FINANCE);
        verify(jobStarter, never()).startNow(anyString());

        MvcTestResult sync = mvc.post().uri("/api/jobs/sync/runs").with(as(ADMIN)).exchange();
        MvcTestResult seatChanges = mvc.post().uri("/api/jobs/seat-changes/runs").with(as(ADMIN)).exchange();

        assertThat(sync).hasStatus(202);
        assertThat(sync).hasHeader(HttpHeaders.LOCATION, "http://localhost/api/jobs/sync/runs");
        assertThat(sync).bodyJson().isLenientlyEqualTo("{\"job\": \"sync\", \"batchJob\": \"licenseSyncJob\"}");
        assertThat(seatChanges).hasStatus(202);
        assertThat(seatChanges).bodyJson().extractingPath("$.batchJob").isEqualTo("seatChangeJob");
        verify(jobStarter).startNow("sync");
        verify(jobStarter).startNow("seat-changes");
    }

    @Test
    void anUnknownJobIsA404() {
        assertProblem(mvc.post().uri("/api/jobs/retention/runs").with(as(ADMIN)).exchange(), 404);
        assertProblem(mvc.get().uri("/api/jobs/licenseSyncJob/runs").with(as(ADMIN)).exchange(), 404);
        verify(jobStarter, never()).startNow(anyString());
    }

    @Test
    void theRunsOfAJobAreListedNewestFirstWithTheirSteps() throws Exception {
        assertRefused(() -> mvc.get().uri("/api/jobs/sync/runs"), OPS, FINANCE);
        JobExecution sync = givenTheSampleNight();
        JobExecution first = seatChangeLauncher.launch(T, REPORT_DIR);
        JobExecution second = seatChangeLauncher.launch(T.plusSeconds(3600), REPORT_DIR);

        MvcTestResult syncRuns = mvc.get().uri("/api/jobs/sync/runs").with(as(ADMIN)).exchange();

        assertThat(syncRuns).hasStatusOk();
        assertThat(syncRuns).bodyJson().isLenientlyEqualTo("""
                [{"executionId": %d, "asOf": "2026-11-26T02:00:00Z", "status": "COMPLETED", "exitCode": "COMPLETED"}]"""
                .formatted(sync.getId()));
        assertThat(syncRuns).bodyJson().extractingPath("$[0].startTime").asString().endsWith("Z");
        assertThat(syncRuns).bodyJson().extractingPath("$[0].endTime").asString().endsWith("Z");
        List<Map<String, Object>> steps = json(syncRuns, "$[0].steps");
        assertThat(steps).isNotEmpty().allSatisfy(step -> assertThat(step.get("status")).isEqualTo("COMPLETED"));
        long providerRows = java.nio.file.Files.readAllLines(com.licenserecon.support.SampleData.PROVIDER_LICENSES).size() - 1;
        assertThat(steps).anySatisfy(step -> assertThat(((Number) step.get("readCount")).longValue()).isEqualTo(providerRows));
        assertThat(steps).allSatisfy(step -> assertThat(step).containsKeys("name", "readCount", "writeCount",
                "skipCount", "startTime", "endTime"));

        MvcTestResult seatRuns = mvc.get().uri("/api/jobs/seat-changes/runs").with(as(ADMIN)).exchange();
        assertThat(seatRuns).hasStatusOk();
        assertThat(seatRuns).bodyJson().extractingPath("$[*].executionId").asArray()
                .containsExactly((int) second.getId(), (int) first.getId());
        assertThat(seatRuns).bodyJson().extractingPath("$[0].asOf").isEqualTo(T.plusSeconds(3600).toString());
    }

    @Test
    void aJobThatNeverRanHasNoRuns() {
        MvcTestResult runs = mvc.get().uri("/api/jobs/seat-changes/runs").with(as(ADMIN)).exchange();

        assertThat(runs).hasStatusOk();
        assertThat(runs).bodyJson().extractingPath("$").asArray().isEmpty();
    }
}
