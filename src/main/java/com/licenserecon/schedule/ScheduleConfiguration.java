package com.licenserecon.schedule;

import com.licenserecon.LicenseReconApplication;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Puts the schedules of {@code serve} into Quartz's JDBC job store, shared by every node. A trigger that
 * is already stored with the same cron and zone is left alone, so the firings it missed while every node
 * was down are still known to Quartz and fire once (fire-and-proceed); replacing it on every start would
 * forget them. A firing whose node died is run again by another node (request recovery).
 */
@Component
@Profile(LicenseReconApplication.SERVE)
public class ScheduleConfiguration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ScheduleConfiguration.class);

    private final Scheduler scheduler;
    private final ScheduleProperties schedule;

    public ScheduleConfiguration(Scheduler scheduler, ScheduleProperties schedule) {
        this.scheduler = scheduler;
        this.schedule = schedule;
    }

    private record Schedule(String name, Class<? extends org.quartz.Job> job, String cron) {
    }

    @Override
    public void run(ApplicationArguments args) throws SchedulerException {
        for (Schedule s : List.of(new Schedule("nightly-sync", NightlySyncQuartzJob.class, schedule.syncCron()),
                new Schedule("seat-changes", SeatChangeQuartzJob.class, schedule.seatChangesCron()),
                new Schedule("retention", RetentionQuartzJob.class, schedule.retentionCron()))) {
            register(s);
        }
    }

    private void register(Schedule s) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(s.job()).withIdentity(s.name()).storeDurably().requestRecovery(true).build();
        CronTrigger trigger = TriggerBuilder.newTrigger().forJob(job).withIdentity(s.name())
                .withSchedule(CronScheduleBuilder.cronSchedule(s.cron())
                        .inTimeZone(TimeZone.getTimeZone(schedule.zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        Trigger stored = scheduler.getTrigger(TriggerKey.triggerKey(s.name()));
        scheduler.addJob(job, true, true);
        if (stored == null) {
            try {
                scheduler.scheduleJob(trigger);
                log.info("schedule {}: cron '{}' in {}", s.name(), s.cron(), schedule.zone().getId());
            } catch (ObjectAlreadyExistsException otherNodeWasFirst) {
                log.debug("schedule {} was stored by another node starting at the same time", s.name());
            }
        } else if (!(stored instanceof CronTrigger cron) || !Objects.equals(cron.getCronExpression(), s.cron())
                || !Objects.equals(cron.getTimeZone().getID(), TimeZone.getTimeZone(schedule.zone()).getID())) {
            scheduler.rescheduleJob(stored.getKey(), trigger);
            log.info("schedule {}: changed to cron '{}' in {}", s.name(), s.cron(), schedule.zone().getId());
        }
    }
}
