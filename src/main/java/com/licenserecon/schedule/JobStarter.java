package com.licenserecon.schedule;

import java.time.Clock;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Starts a job now, in the background, the way its schedule would: the sync on the newest inbox file,
 * seat changes on the latest snapshot. Used by the API's "start now".
 */
@Service
public class JobStarter {

    public static final String SYNC = "sync";
    public static final String SEAT_CHANGES = "seat-changes";

    private final InboxSync inboxSync;
    private final ScheduledSeatChanges seatChanges;
    private final TaskExecutor executor;
    private final Clock clock;

    public JobStarter(InboxSync inboxSync, ScheduledSeatChanges seatChanges, TaskExecutor applicationTaskExecutor,
            Clock clock) {
        this.inboxSync = inboxSync;
        this.seatChanges = seatChanges;
        this.executor = applicationTaskExecutor;
        this.clock = clock;
    }

    /** Starts the named job ({@link #SYNC} or {@link #SEAT_CHANGES}) in the background. */
    public void startNow(String job) {
        Runnable run = switch (job) {
            case SYNC -> () -> inboxSync.run(clock.instant());
            case SEAT_CHANGES -> () -> seatChanges.run(clock.instant());
            default -> throw new IllegalArgumentException("no job named " + job + "; jobs: sync, seat-changes");
        };
        executor.execute(run);
    }
}
