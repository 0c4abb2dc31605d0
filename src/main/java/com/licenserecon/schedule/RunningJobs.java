package com.licenserecon.schedule;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The job executions running in this JVM, so that a shutdown (SIGTERM) stops them cleanly: each is asked
 * to stop, ends STOPPED at its next chunk boundary, and is restarted later where it stopped. The stop
 * waits up to a minute, the graceful shutdown phase of the web server.
 */
@Component
public class RunningJobs implements JobExecutionListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunningJobs.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(55);

    private final Set<JobExecution> running = ConcurrentHashMap.newKeySet();
    private volatile boolean started;

    @Override
    public void beforeJob(JobExecution execution) {
        running.add(execution);
        log.info("{} execution {} started", execution.getJobInstance().getJobName(), execution.getId());
    }

    @Override
    public void afterJob(JobExecution execution) {
        running.remove(execution);
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void stop() {
        started = false;
        if (running.isEmpty()) {
            return;
        }
        for (JobExecution execution : running) {
            log.warn("shutting down: stopping {} execution {} at its next chunk boundary; it will restart where it stopped",
                    execution.getJobInstance().getJobName(), execution.getId());
            // The running step checks this flag between chunks and ends STOPPED. JobOperator.stop would also
            // close the step's reader from this thread while the step may still be reading from it.
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStatus().isRunning()) {
                    step.setTerminateOnly();
                }
            }
        }
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Before the scheduler and the web server: running work is told to stop first. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
