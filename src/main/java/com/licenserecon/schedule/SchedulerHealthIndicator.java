package com.licenserecon.schedule;

import com.licenserecon.LicenseReconApplication;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} of serve includes the scheduler: down when Quartz is not running here. */
@Component("scheduler")
@Profile(LicenseReconApplication.SERVE)
public class SchedulerHealthIndicator extends AbstractHealthIndicator {

    private final Scheduler scheduler;

    public SchedulerHealthIndicator(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) throws SchedulerException {
        var meta = scheduler.getMetaData();
        boolean running = scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
        (running ? health.up() : health.down())
                .withDetail("instanceId", meta.getSchedulerInstanceId())
                .withDetail("clustered", meta.isJobStoreClustered())
                .withDetail("jobsExecuted", meta.getNumberOfJobsExecuted());
    }
}
