package com.licenserecon.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import com.licenserecon.sync.Databases;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Writes a report with PostgreSQL's {@code COPY (query) TO STDOUT (FORMAT csv)}: the server formats the
 * rows and the job only moves bytes into the file, several times faster than mapping and formatting a
 * million rows in Java. The query formats every value exactly as the Java report does (see the
 * {@code sql} forms of {@link SpreadsheetSafe} and {@code Money}); COPY quotes a cell under the same rule as
 * OpenCSV (a comma, a quote, CR or LF in it), and the query turns empty text into NULL so that COPY writes
 * it unquoted, as OpenCSV does.
 */
@Component
public class CopyReports {

    private final DataSource dataSource;
    private final boolean available;

    public CopyReports(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        this.available = Databases.isPostgres(dataSource);
    }

    /** Whether the database can write reports itself (PostgreSQL); otherwise reports stream through Java. */
    public boolean available() {
        return available;
    }

    /**
     * Writes the header line, then the query's rows, into {@code file} (replaced if present), on the
     * current transaction's connection.
     *
     * @return the number of rows written, the header not counted
     */
    public long write(Path file, String[] header, String query) throws SQLException, IOException {
        return write(file, headerLine(header), query);
    }

    /** The header line of a report, as {@link #write} writes it. */
    public static String headerLine(String[] header) {
        return CsvLine.format(header) + "\n";
    }

    /** Writes the query's rows only (a piece of a report), on the current transaction's connection. */
    public long writeRows(Path file, String query) throws SQLException, IOException {
        return write(file, "", query);
    }

    private long write(Path file, String headerLine, String query) throws SQLException, IOException {
        Files.createDirectories(file.getParent());
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(headerLine.getBytes(StandardCharsets.UTF_8));
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (" + query + ") TO STDOUT WITH (FORMAT csv)", out);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
