package com.licenserecon.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** Deletes reports and provider snapshots older than the configured age. */
@DisallowConcurrentExecution
public class RetentionQuartzJob extends QuartzJobBean {

    private final Retention retention;

    public RetentionQuartzJob(Retention retention) {
        this.retention = retention;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        retention.run(context.getScheduledFireTime().toInstant());
    }
}
