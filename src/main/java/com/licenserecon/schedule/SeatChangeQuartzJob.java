package com.licenserecon.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** The frequent seat change firing, so that a window opening in the morning is not missed. */
@DisallowConcurrentExecution
public class SeatChangeQuartzJob extends QuartzJobBean {

    private final ScheduledSeatChanges seatChanges;

    public SeatChangeQuartzJob(ScheduledSeatChanges seatChanges) {
        this.seatChanges = seatChanges;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        context.setResult(seatChanges.run(context.getScheduledFireTime().toInstant()));
    }
}
