package com.licenserecon.schedule;

import com.licenserecon.LicenseReconApplication;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The schedules of {@code serve}, stored in Quartz's JDBC job store and shared by every node. A firing
 * missed while every node was down fires once when a node comes back (fire-and-proceed); a firing whose
 * node died is run again by another node (request recovery).
 */
@Configuration
@Profile(LicenseReconApplication.SERVE)
public class ScheduleConfiguration {

    @Bean
    JobDetail nightlySyncJob() {
        return durable(NightlySyncQuartzJob.class, "nightly-sync");
    }

    @Bean
    Trigger nightlySyncTrigger(JobDetail nightlySyncJob, ScheduleProperties schedule) {
        return cron(nightlySyncJob, schedule.syncCron(), schedule);
    }

    @Bean
    JobDetail seatChangeJobDetail() {
        return durable(SeatChangeQuartzJob.class, "seat-changes");
    }

    @Bean
    Trigger seatChangeTrigger(JobDetail seatChangeJobDetail, ScheduleProperties schedule) {
        return cron(seatChangeJobDetail, schedule.seatChangesCron(), schedule);
    }

    @Bean
    JobDetail retentionJob() {
        return durable(RetentionQuartzJob.class, "retention");
    }

    @Bean
    Trigger retentionTrigger(JobDetail retentionJob, ScheduleProperties schedule) {
        return cron(retentionJob, schedule.retentionCron(), schedule);
    }

    private static JobDetail durable(Class<? extends org.quartz.Job> type, String name) {
        return JobBuilder.newJob(type).withIdentity(name).storeDurably().requestRecovery(true).build();
    }

    private static Trigger cron(JobDetail job, String expression, ScheduleProperties schedule) {
        return TriggerBuilder.newTrigger().forJob(job).withIdentity(job.getKey().getName())
                .withSchedule(CronScheduleBuilder.cronSchedule(expression)
                        .inTimeZone(TimeZone.getTimeZone(schedule.zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
