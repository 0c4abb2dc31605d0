package com.licenserecon.schedule;

import com.licenserecon.seatchange.SeatChangeLauncher;
import com.licenserecon.sync.RunRefusedException;
import com.licenserecon.sync.SyncProperties;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** A seat change run started by the service (a firing, or "start now"): its outcome is logged, not thrown. */
@Service
public class ScheduledSeatChanges {

    private static final Logger log = LoggerFactory.getLogger(ScheduledSeatChanges.class);

    private final SeatChangeLauncher launcher;
    private final SyncProperties sync;

    public ScheduledSeatChanges(SeatChangeLauncher launcher, SyncProperties sync) {
        this.launcher = launcher;
        this.sync = sync;
    }

    /** @return the outcome in one word, for logs and the Quartz result */
    public String run(Instant asOf) {
        try {
            return launcher.launch(asOf, sync.reportDir()).getStatus().name();
        } catch (RunRefusedException e) {
            log.warn("seat change run as of {} not started: {}", asOf, e.getMessage());
            return "refused";
        } catch (Exception e) {
            log.error("seat change run as of {} failed", asOf, e);
            return "failed";
        }
    }
}
