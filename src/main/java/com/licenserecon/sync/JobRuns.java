package com.licenserecon.sync;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The runs of one job for one logical key (a night, an as-of instant), numbered 0, 1, 2 ... by an
 * identifying run number: the latest tells whether to restart it, refuse, or start the next.
 *
 * @param latest the newest instance, or null when there is none
 * @param lastExecution its last execution, or null
 * @param nextNumber the run number a new instance would take
 */
public record JobRuns(JobInstance latest, JobExecution lastExecution, long nextNumber) {

    private static final Logger log = LoggerFactory.getLogger(JobRuns.class);

    public static JobRuns find(JobRepository jobRepository, String jobName, LongFunction<JobParameters> identifying) {
        long next = 0;
        JobInstance latest = null;
        JobInstance found;
        while ((found = jobRepository.getJobInstance(jobName, identifying.apply(next))) != null) {
            latest = found;
            next++;
        }
        return new JobRuns(latest, latest == null ? null : jobRepository.getLastJobExecution(latest), next);
    }

    /**
     * A run still marked running although its process holds no run lock died (kill -9, power loss): it is
     * marked FAILED, so that it can be restarted where it stopped. Call only while holding the job's lock.
     *
     * @return the last execution, recovered if it was dead
     */
    public JobExecution recoverDead(JobOperator jobOperator) {
        if (lastExecution == null || !lastExecution.getStatus().isRunning()) {
            return lastExecution;
        }
        log.warn("execution {} of {} was left {} by a process that died: marking it FAILED to restart it",
                lastExecution.getId(), latest.getJobName(), lastExecution.getStatus());
        return jobOperator.recover(lastExecution);
    }

    /** Spring Batch keeps local times; people reading a message compare it with UTC logs. */
    public static Instant utc(LocalDateTime batchTime) {
        return batchTime == null ? null
                : batchTime.atZone(ZoneId.systemDefault()).toInstant().truncatedTo(ChronoUnit.SECONDS);
    }
}
