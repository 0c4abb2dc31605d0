package com.licenserecon.seatchange;

import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What a seat change run decided, in numbers per outcome, for the nightly log. */
@Component
public class SeatChangeLog {

    private static final Logger log = LoggerFactory.getLogger(SeatChangeLog.class);

    private final JdbcClient jdbc;

    public SeatChangeLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void decided(long jobExecutionId, long read, int recovered) {
        String outcomes = jdbc.sql("""
                SELECT status, COALESCE(reason_code, '') AS reason_code, COUNT(*) AS n FROM seat_change_request
                WHERE decided_by_execution = ? GROUP BY status, COALESCE(reason_code, '') ORDER BY 1, 2""")
                .param(jobExecutionId)
                .query((rs, i) -> rs.getString("status") + (rs.getString("reason_code").isEmpty() ? "" : "/"
                        + rs.getString("reason_code")) + "=" + rs.getLong("n"))
                .list().stream().collect(Collectors.joining(", "));
        log.info("seat changes (execution {}): {} queued requests read, {} recovered after a crash; {}",
                jobExecutionId, read, recovered, outcomes.isEmpty() ? "nothing decided" : outcomes);
    }
}
