package com.licenserecon.sync;

import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refreshes the planner's statistics of a table right after a bulk load. Without it PostgreSQL plans
 * the next query of the same run on the empty table it last saw (autovacuum comes later) and picks
 * nested loops over hundreds of thousands of rows.
 */
@Component
public class TableStatistics {

    private final JdbcTemplate jdbc;
    private final boolean postgres;

    public TableStatistics(JdbcTemplate jdbc, DataSource dataSource) throws SQLException {
        this.jdbc = jdbc;
        this.postgres = Databases.isPostgres(dataSource);
    }

    /** On PostgreSQL, the statistics of these columns only; elsewhere of the whole table. */
    public void refresh(String table, List<String> columns) {
        jdbc.execute(postgres ? "ANALYZE %s (%s)".formatted(table, String.join(", ", columns)) : "ANALYZE TABLE " + table);
    }

    public void refresh(String... tables) {
        for (String table : tables) {
            jdbc.execute(postgres ? "ANALYZE " + table : "ANALYZE TABLE " + table);
        }
    }
}
