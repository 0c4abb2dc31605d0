package com.licenserecon.page;

import com.licenserecon.schedule.ScheduleProperties;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.quartz.CronExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * When the schedules of {@code serve} next decide the queued seat changes: the seat-change run or the nightly
 * sync (which decides them right after its import), whichever fires first. A prediction is made for that
 * instant, because that is when the rules will be applied, not when the page is looked at.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class NextRun {

    private final CronExpression seatChanges;
    private final CronExpression sync;

    public NextRun(ScheduleProperties schedule) {
        this.seatChanges = cron(schedule.seatChangesCron(), schedule);
        this.sync = cron(schedule.syncCron(), schedule);
    }

    /** The first run strictly after {@code now}; empty only if no schedule ever fires again. */
    public Optional<Instant> after(Instant now) {
        Date from = Date.from(now);
        return Stream.of(seatChanges.getNextValidTimeAfter(from), sync.getNextValidTimeAfter(from))
                .filter(java.util.Objects::nonNull)
                .map(Date::toInstant)
                .min(Instant::compareTo);
    }

    private static CronExpression cron(String expression, ScheduleProperties schedule) {
        try {
            CronExpression cron = new CronExpression(expression);
            cron.setTimeZone(TimeZone.getTimeZone(schedule.zone()));
            return cron;
        } catch (ParseException e) {
            throw new IllegalStateException("license-recon.schedule: not a Quartz cron expression: " + expression, e);
        }
    }
}
