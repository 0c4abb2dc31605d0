package com.licenserecon.schedule;

import com.licenserecon.seatchange.SeatChangeLauncher;
import com.licenserecon.sync.RunRefusedException;
import com.licenserecon.sync.SyncProperties;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** The frequent seat change firing, so that a window opening in the morning is not missed. */
@DisallowConcurrentExecution
public class SeatChangeQuartzJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(SeatChangeQuartzJob.class);

    private final SeatChangeLauncher launcher;
    private final SyncProperties sync;

    public SeatChangeQuartzJob(SeatChangeLauncher launcher, SyncProperties sync) {
        this.launcher = launcher;
        this.sync = sync;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        try {
            var execution = launcher.launch(context.getScheduledFireTime().toInstant(), sync.reportDir());
            context.setResult(execution.getStatus().name());
        } catch (RunRefusedException e) {
            log.warn("scheduled seat change run not started: {}", e.getMessage());
        } catch (Exception e) {
            log.error("scheduled seat change run failed", e);
        }
    }
}
