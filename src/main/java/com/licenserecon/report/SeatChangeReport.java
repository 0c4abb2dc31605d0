package com.licenserecon.report;

import static com.licenserecon.report.SpreadsheetSafe.text;

import java.sql.ResultSet;
import java.sql.SQLException;
import com.licenserecon.seatchange.SeatChangeStore;
import java.util.Objects;
import org.springframework.jdbc.core.RowMapper;

/**
 * {@code seat-changes-<as-of date>.csv}: one row for every request decided in the run and every request
 * still queued after it, in the order the run decides them.
 */
public final class SeatChangeReport {

    public static final String KIND = "seat-changes";

    public static final String[] HEADER = {"request_id", "request_key", "customer_tenant_id", "subscription_id",
            "sku_part_number", "change", "amount", "requested_by", "requested_at", "status", "reason_code", "reason",
            "quantity_before", "quantity_after", "eligible_from", "window_closes", "decided_at"};

    /**
     * Parameter: the job execution writing the report. A run that was restarted after a crash decided some of its
     * requests in an earlier execution of the same job instance; they belong to the run's report too.
     */
    public static final String SQL = """
            SELECT * FROM seat_change_request
            WHERE status = 'QUEUED' OR decided_by_execution IN (
                SELECT run.job_execution_id FROM batch_job_execution run
                JOIN batch_job_execution this_one ON this_one.job_instance_id = run.job_instance_id
                WHERE this_one.job_execution_id = ?)
            ORDER BY requested_at, request_id""";

    public static final RowMapper<String[]> CELLS = SeatChangeReport::cells;

    private SeatChangeReport() {
    }

    private static String[] cells(ResultSet rs, int rowNum) throws SQLException {
        return new String[] {
                plain(rs.getObject("request_id")),
                text(rs.getString("request_key")),
                plain(rs.getObject("customer_tenant_id")),
                plain(rs.getObject("subscription_id")),
                text(rs.getString("sku_part_number")),
                "ADDITIONAL".equals(rs.getString("change_kind")) ? "Additional" : "Less",
                plain(rs.getObject("amount")),
                text(rs.getString("requested_by")),
                instant(rs, "requested_at"),
                plain(rs.getString("status")),
                plain(rs.getString("reason_code")),
                text(rs.getString("reason")),
                plain(rs.getObject("quantity_before")),
                plain(rs.getObject("quantity_after")),
                instant(rs, "eligible_from"),
                instant(rs, "window_closes"),
                instant(rs, "decided_at")
        };
    }

    private static String instant(ResultSet rs, String column) throws SQLException {
        return Objects.toString(SeatChangeStore.instant(rs, column), "");
    }

    private static String plain(Object value) {
        return Objects.toString(value, "");
    }
}
