package com.licenserecon.web;

import com.licenserecon.schedule.JobStarter;
import com.licenserecon.seatchange.SeatChangeJobConfiguration;
import com.licenserecon.sync.JobRuns;
import com.licenserecon.sync.LicenseSyncJobConfiguration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The batch jobs (role ADMIN): start one now, the way its schedule would, and read its runs from Spring
 * Batch's job repository. {@code sync} is {@code licenseSyncJob} (the newest provider file in the inbox),
 * {@code seat-changes} is {@code seatChangeJob} (the queued requests on the latest provider data).
 */
@RestController
@RequestMapping("/api/jobs")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class JobController {

    /** The API's job names and the Spring Batch jobs they run. */
    static final Map<String, String> JOBS = Map.of(
            JobStarter.SYNC, LicenseSyncJobConfiguration.JOB_NAME,
            JobStarter.SEAT_CHANGES, SeatChangeJobConfiguration.JOB_NAME);

    /** Runs listed, newest first. */
    static final int RUNS_LISTED = 50;

    private final JobStarter starter;
    private final JobRepository jobRepository;

    public JobController(JobStarter starter, JobRepository jobRepository) {
        this.starter = starter;
        this.jobRepository = jobRepository;
    }

    public record Started(String job, String batchJob, String runs) {
    }

    /**
     * One execution of the job.
     *
     * @param exitMessage the first line of the exit description; null when there is none
     * @param startTime   UTC
     * @param endTime     UTC; null while it runs
     */
    public record JobRun(long executionId, long instanceId, String asOf, String status, String exitCode,
            String exitMessage, Instant startTime, Instant endTime, List<StepRun> steps) {
    }

    /** One step of a run, with Spring Batch's counts. {@code skipCount} = read + process + write skips. */
    public record StepRun(String name, String status, long readCount, long writeCount, long filterCount,
            long skipCount, long commitCount, Instant startTime, Instant endTime) {
    }

    /** 202: the job starts in the background; its runs say how it went. */
    @PostMapping("/{name}/runs")
    public ResponseEntity<Started> start(@PathVariable String name) {
        String batchJob = batchJob(name);
        starter.startNow(name);
        String runs = ServletUriComponentsBuilder.fromCurrentRequestUri().build().toUriString();
        return ResponseEntity.accepted().location(java.net.URI.create(runs)).body(new Started(name, batchJob, runs));
    }

    /** The newest runs first, at most {@value #RUNS_LISTED}. */
    @GetMapping("/{name}/runs")
    public List<JobRun> runs(@PathVariable String name) {
        String batchJob = batchJob(name);
        // Instance ids grow with time; a restart adds an execution to an older instance, so each of the newest
        // instances is read whole and the executions are cut after sorting.
        List<JobInstance> instances = jobRepository.getJobInstances(batchJob, 0, RUNS_LISTED);
        return instances.stream()
                .flatMap(instance -> jobRepository.getJobExecutions(instance).stream())
                .sorted(Comparator.comparingLong(JobExecution::getId).reversed())
                .limit(RUNS_LISTED)
                .map(JobController::run)
                .toList();
    }

    private static JobRun run(JobExecution execution) {
        ExitStatus exit = execution.getExitStatus();
        List<StepRun> steps = execution.getStepExecutions().stream()
                .sorted(Comparator.comparingLong(StepExecution::getId))
                .map(JobController::step)
                .toList();
        return new JobRun(execution.getId(), execution.getJobInstanceId(),
                execution.getJobParameters().getString("asOf"), execution.getStatus().name(),
                exit == null ? null : exit.getExitCode(), exit == null ? null : firstLine(exit.getExitDescription()),
                JobRuns.utc(execution.getStartTime()), JobRuns.utc(execution.getEndTime()), steps);
    }

    private static StepRun step(StepExecution step) {
        return new StepRun(step.getStepName(), step.getStatus().name(), step.getReadCount(), step.getWriteCount(),
                step.getFilterCount(), step.getSkipCount(), step.getCommitCount(), JobRuns.utc(step.getStartTime()),
                JobRuns.utc(step.getEndTime()));
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.strip().lines().findFirst().orElse(null);
    }

    private static String batchJob(String name) {
        String batchJob = JOBS.get(name);
        if (batchJob == null) {
            throw Problems.notFound("There is no job " + name + "; the jobs are " + JobStarter.SYNC + " and "
                    + JobStarter.SEAT_CHANGES + ".");
        }
        return batchJob;
    }
}
