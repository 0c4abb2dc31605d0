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
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the schedules of {@code serve} into Quartz's JDBC job store, shared by every node. A trigger that
 * is already stored with the same cron and zone is left alone, so the firings it missed while every node
 * was down are still known to Quartz and fire once (fire-and-proceed); replacing it on every start would
 * forget them. A firing whose node died is run again by another node (request recovery).
 *
 * <p>Nodes usually start together. Quartz's job store only locks its rows inside the caller's transaction
 * (outside one every statement commits on its own and the lock is gone at once), so each schedule is stored
 * in a transaction of its own; and where two nodes still collide (the first start, when Quartz creates its
 * lock rows), the node that lost reads what the other stored and carries on instead of failing to start.
 */
@Component
@Profile(LicenseReconApplication.SERVE)
public class ScheduleConfiguration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ScheduleConfiguration.class);

    private static final int ATTEMPTS = 3;

    private final Scheduler scheduler;
    private final ScheduleProperties schedule;
    private final TransactionTemplate transaction;

    public ScheduleConfiguration(Scheduler scheduler, ScheduleProperties schedule,
            PlatformTransactionManager transactionManager) {
        this.scheduler = scheduler;
        this.schedule = schedule;
        this.transaction = new TransactionTemplate(transactionManager);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> {
                    try {
                        store(s);
                    } catch (SchedulerException e) {
                        throw new StoreFailed(e);
                    }
                });
                return;
            } catch (StoreFailed | DataAccessException e) {
                SchedulerException cause = e instanceof StoreFailed failed ? failed.getCause()
                        : new SchedulerException("schedule " + s.name() + " could not be stored", e);
                if (attempt == ATTEMPTS) {
                    throw cause;
                }
                log.info("schedule {} could not be stored ({}), as when another node stores it at the same moment; "
                        + "reading it again", s.name(), rootMessage(cause));
            }
        }
    }

    private void store(Schedule s) throws SchedulerException {
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

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** Carries Quartz's checked exception out of the transaction callback, which rolls back on it. */
    private static final class StoreFailed extends RuntimeException {
        StoreFailed(SchedulerException cause) {
            super(cause);
        }

        @Override
        public synchronized SchedulerException getCause() {
            return (SchedulerException) super.getCause();
        }
    }
}
