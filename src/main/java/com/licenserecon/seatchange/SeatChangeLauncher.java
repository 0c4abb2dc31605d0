package com.licenserecon.seatchange;

import com.licenserecon.sync.JobRunLock;
import com.licenserecon.sync.JobRuns;
import com.licenserecon.sync.RunRefusedException;
import java.nio.file.Path;
import java.time.Instant;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Starts {@code seatChangeJob} on the latest accepted provider snapshot. Runs are repeatable (a decided
 * request is never decided again), so a completed run for the same as-of is followed by a new one; a
 * failed one is restarted, which first settles any change whose outcome it left unknown.
 */
@Service
public class SeatChangeLauncher {

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job seatChangeJob;
    private final SubscriptionSeats seats;
    private final JobRunLock runLock;

    public SeatChangeLauncher(JobOperator jobOperator, JobRepository jobRepository, Job seatChangeJob,
            SubscriptionSeats seats, JobRunLock runLock) {
        this.runLock = runLock;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.seatChangeJob = seatChangeJob;
        this.seats = seats;
    }

    public long latestSnapshot() {
        return seats.latestSnapshot().orElseThrow(() -> new RunRefusedException(
                "there is no provider data yet: run sync first"));
    }

    /** Runs the job to its end while holding the job's run lock. */
    public JobExecution launch(Instant asOf, Path reportDir) throws Exception {
        try (JobRunLock.Held held = runLock.acquire(SeatChangeJobConfiguration.JOB_NAME)) {
            return launchLocked(asOf, reportDir);
        }
    }

    private JobExecution launchLocked(Instant asOf, Path reportDir) throws Exception {
        SeatChangeJobParameters request = new SeatChangeJobParameters(asOf, 0, latestSnapshot(), reportDir);
        JobRuns runs = JobRuns.find(jobRepository, SeatChangeJobConfiguration.JOB_NAME,
                n -> SeatChangeJobParameters.identifying(asOf, n));
        JobExecution last = runs.recoverDead(jobOperator);
        boolean restart = last != null && last.getStatus() != BatchStatus.COMPLETED
                && last.getStatus() != BatchStatus.ABANDONED;
        long number = restart ? runs.nextNumber() - 1 : runs.nextNumber();
        return jobOperator.start(seatChangeJob, request.withRun(number).toJobParameters());
    }
}
