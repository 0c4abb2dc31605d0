package com.licenserecon.seatchange;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What a seat change run decided, in numbers per outcome, for the nightly log and as metrics. */
@Component
public class SeatChangeLog {

    private static final Logger log = LoggerFactory.getLogger(SeatChangeLog.class);

    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    public SeatChangeLog(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    private record Outcome(String status, String reasonCode, long requests) {
    }

    public void decided(long jobExecutionId, long read, int recovered) {
        var counted = jdbc.sql("""
                SELECT status, COALESCE(reason_code, '') AS reason_code, COUNT(*) AS n FROM seat_change_request
                WHERE decided_by_execution = ? GROUP BY status, COALESCE(reason_code, '') ORDER BY 1, 2""")
                .param(jobExecutionId)
                .query((rs, i) -> new Outcome(rs.getString("status"), rs.getString("reason_code"), rs.getLong("n")))
                .list();
        counted.forEach(o -> meters.counter("license_recon.seat_change.decisions", "status", o.status(),
                "reason_code", o.reasonCode()).increment(o.requests()));
        String outcomes = counted.stream()
                .map(o -> o.status() + (o.reasonCode().isEmpty() ? "" : "/" + o.reasonCode()) + "=" + o.requests())
                .collect(Collectors.joining(", "));
        log.info("seat changes (execution {}): {} queued requests read, {} recovered after a crash; {}",
                jobExecutionId, read, recovered, outcomes.isEmpty() ? "nothing decided" : outcomes);
    }
}
