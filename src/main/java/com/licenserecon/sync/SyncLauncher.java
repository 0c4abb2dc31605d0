package com.licenserecon.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Starts {@code licenseSyncJob} for a night. The as-of date identifies the run: a night that completed
 * is refused unless a rerun is asked for; a night that failed or was stopped is restarted where it
 * stopped (Spring Batch skips the steps that completed).
 */
@Service
public class SyncLauncher {

    private static final Logger log = LoggerFactory.getLogger(SyncLauncher.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job licenseSyncJob;
    private final JobRunLock runLock;

    public SyncLauncher(JobOperator jobOperator, JobRepository jobRepository, Job licenseSyncJob, JobRunLock runLock) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.licenseSyncJob = licenseSyncJob;
        this.runLock = runLock;
    }

    /** Runs the job to its end while holding the job's run lock. */
    public JobExecution launch(SyncJobParameters request, boolean rerun) throws Exception {
        try (JobRunLock.Held held = runLock.acquire(LicenseSyncJobConfiguration.JOB_NAME)) {
            return launchLocked(request, rerun);
        }
    }

    private JobExecution launchLocked(SyncJobParameters request, boolean rerun) throws Exception {
        var date = request.asOfDate();
        JobRuns runs = JobRuns.find(jobRepository, LicenseSyncJobConfiguration.JOB_NAME,
                n -> SyncJobParameters.identifying(date, n));
        if (runs.latest() == null) {
            return start(request.withRerun(0));
        }
        JobExecution last = runs.recoverDead(jobOperator);
        BatchStatus status = last == null ? BatchStatus.UNKNOWN : last.getStatus();
        if (rerun || status == BatchStatus.ABANDONED) {
            return start(request.withRerun(runs.nextNumber()));
        }
        if (status == BatchStatus.COMPLETED) {
            throw new RunRefusedException(("the sync for %s already ran: execution %d, completed %s, provider file %s; "
                    + "use --rerun to run that night again").formatted(date, last.getId(), JobRuns.utc(last.getEndTime()),
                    last.getJobParameters().getString(SyncJobParameters.PROVIDER_FILE)));
        }
        log.info("restarting the sync for {} after execution {} ended {}", date, last.getId(), status);
        return start(request.withRerun(runs.nextNumber() - 1));
    }

    private JobExecution start(SyncJobParameters parameters) throws Exception {
        return jobOperator.start(licenseSyncJob, parameters.toJobParameters());
    }
}
