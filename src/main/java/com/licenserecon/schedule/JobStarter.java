package com.licenserecon.schedule;

import com.licenserecon.seatchange.SeatChangeLauncher;
import com.licenserecon.sync.RunRefusedException;
import com.licenserecon.sync.SyncProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;

/**
 * Starts a job now, in the background, the way its schedule would: the sync on the newest inbox file,
 * seat changes on the latest snapshot. Used by the API's "start now" and by the Quartz jobs.
 */
@Service
public class JobStarter {

    private static final Logger log = LoggerFactory.getLogger(JobStarter.class);

    public static final String SYNC = "sync";
    public static final String SEAT_CHANGES = "seat-changes";

    private final InboxSync inboxSync;
    private final SeatChangeLauncher seatChanges;
    private final SyncProperties syncProperties;
    private final TaskExecutor executor;
    private final Clock clock;

    public JobStarter(InboxSync inboxSync, SeatChangeLauncher seatChanges, SyncProperties syncProperties,
            TaskExecutor applicationTaskExecutor, Clock clock) {
        this.inboxSync = inboxSync;
        this.seatChanges = seatChanges;
        this.syncProperties = syncProperties;
        this.executor = applicationTaskExecutor;
        this.clock = clock;
    }

    /** Starts the named job ({@link #SYNC} or {@link #SEAT_CHANGES}) in the background. */
    public void startNow(String job) {
        Runnable run = switch (job) {
            case SYNC -> () -> inboxSync.run(clock.instant());
            case SEAT_CHANGES -> () -> {
                try {
                    seatChanges.launch(clock.instant(), syncProperties.reportDir());
                } catch (RunRefusedException e) {
                    log.warn("seat changes not started: {}", e.getMessage());
                } catch (Exception e) {
                    log.error("seat change run failed", e);
                }
            };
            default -> throw new IllegalArgumentException("no job named " + job + "; jobs: sync, seat-changes");
        };
        executor.execute(run);
    }
}
