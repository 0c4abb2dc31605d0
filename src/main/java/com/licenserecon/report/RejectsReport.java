package com.licenserecon.report;

import static com.licenserecon.report.SpreadsheetSafe.text;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.RowMapper;

/** {@code rejects-<as-of date>.csv}: every provider row that was not imported, one line per bad field. */
public final class RejectsReport {

    public static final String KIND = "rejects";

    public static final String[] HEADER = {"file", "line_number", "column", "value", "reason"};

    /** Parameter: the snapshot id. */
    public static final String SQL = """
            SELECT line_number, column_name, field_value, reason FROM provider_reject
            WHERE snapshot_id = ? ORDER BY line_number, column_name""";

    private RejectsReport() {
    }

    public static RowMapper<String[]> cells(String file) {
        return (ResultSet rs, int rowNum) -> new String[] {
                text(file),
                Long.toString(rs.getLong("line_number")),
                text(rs.getString("column_name")),
                text(rs.getString("field_value")),
                text(rs.getString("reason"))
        };
    }
}
