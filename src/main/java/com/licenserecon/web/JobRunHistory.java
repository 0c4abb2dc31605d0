package com.licenserecon.web;

import com.licenserecon.schedule.JobStarter;
import com.licenserecon.seatchange.SeatChangeJobConfiguration;
import com.licenserecon.sync.JobRuns;
import com.licenserecon.sync.LicenseSyncJobConfiguration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Service;

/**
 * The runs of the batch jobs as Spring Batch's job repository has them, for the API and the pages alike.
 * {@code sync} is {@code licenseSyncJob}, {@code seat-changes} is {@code seatChangeJob}.
 */
@Service
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class JobRunHistory {

    /** The jobs' names outside Spring Batch and the Spring Batch jobs they run. */
    public static final Map<String, String> JOBS = Map.of(
            JobStarter.SYNC, LicenseSyncJobConfiguration.JOB_NAME,
            JobStarter.SEAT_CHANGES, SeatChangeJobConfiguration.JOB_NAME);

    /** Runs listed, newest first. */
    public static final int RUNS_LISTED = 50;

    private final JobRepository jobRepository;

    public JobRunHistory(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
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

    /** The Spring Batch job of a job name; empty for a name that is not a job. */
    public static Optional<String> batchJob(String name) {
        return Optional.ofNullable(name == null ? null : JOBS.get(name));
    }

    /** The newest runs of a Spring Batch job first, at most {@value #RUNS_LISTED}. */
    public List<JobRun> runs(String batchJob) {
        // Instance ids grow with time; a restart adds an execution to an older instance, so each of the newest
        // instances is read whole and the executions are cut after sorting.
        List<JobInstance> instances = jobRepository.getJobInstances(batchJob, 0, RUNS_LISTED);
        return instances.stream()
                .flatMap(instance -> jobRepository.getJobExecutions(instance).stream())
                .sorted(Comparator.comparingLong(JobExecution::getId).reversed())
                .limit(RUNS_LISTED)
                .map(JobRunHistory::run)
                .toList();
    }

    private static JobRun run(JobExecution execution) {
        ExitStatus exit = execution.getExitStatus();
        List<StepRun> steps = execution.getStepExecutions().stream()
                .sorted(Comparator.comparingLong(StepExecution::getId))
                .map(JobRunHistory::step)
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
}
