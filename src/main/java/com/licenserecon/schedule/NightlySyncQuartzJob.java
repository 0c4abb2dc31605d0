package com.licenserecon.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The nightly sync firing. Quartz's JDBC store fires it on one node of the cluster and never twice at
 * once; the run's as-of is the scheduled time, so a late (misfired) or recovered firing syncs its own night.
 */
@DisallowConcurrentExecution
public class NightlySyncQuartzJob extends QuartzJobBean {

    private final InboxSync inboxSync;

    public NightlySyncQuartzJob(InboxSync inboxSync) {
        this.inboxSync = inboxSync;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        context.setResult(inboxSync.run(context.getScheduledFireTime().toInstant()));
    }
}
