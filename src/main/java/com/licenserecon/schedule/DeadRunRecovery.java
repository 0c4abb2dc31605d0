package com.licenserecon.schedule;

import com.licenserecon.LicenseReconApplication;
import com.licenserecon.seatchange.SeatChangeJobConfiguration;
import com.licenserecon.sync.JobRunLock;
import com.licenserecon.sync.LicenseSyncJobConfiguration;
import com.licenserecon.sync.RunRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * When a node starts, it restarts the runs that a dead node left STARTED: a run whose job lock nobody
 * holds has no live process behind it. A live run elsewhere holds the lock and is left alone.
 */
@Component
@Profile(LicenseReconApplication.SERVE)
public class DeadRunRecovery {

    private static final Logger log = LoggerFactory.getLogger(DeadRunRecovery.class);

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;
    private final JobRunLock runLock;
    private final TaskExecutor executor;

    public DeadRunRecovery(JobRepository jobRepository, JobOperator jobOperator, JobRunLock runLock,
            TaskExecutor applicationTaskExecutor) {
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
        this.runLock = runLock;
        this.executor = applicationTaskExecutor;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        executor.execute(() -> {
            recover(LicenseSyncJobConfiguration.JOB_NAME);
            recover(SeatChangeJobConfiguration.JOB_NAME);
        });
    }

    void recover(String jobName) {
        if (jobRepository.findRunningJobExecutions(jobName).isEmpty()) {
            return;
        }
        try (JobRunLock.Held held = runLock.acquire(jobName)) {
            for (JobExecution dead : jobRepository.findRunningJobExecutions(jobName)) {
                log.warn("{} execution {} was left {} by a node that died: restarting it", jobName, dead.getId(),
                        dead.getStatus());
                JobExecution restarted = jobOperator.restart(jobOperator.recover(dead));
                log.info("{} execution {} (restart of {}) ended {}", jobName, restarted.getId(), dead.getId(),
                        restarted.getStatus());
            }
        } catch (RunRefusedException alive) {
            log.info("{} is running on another node; nothing to recover", jobName);
        } catch (Exception e) {
            log.error("could not restart a dead {} run", jobName, e);
        }
    }
}
