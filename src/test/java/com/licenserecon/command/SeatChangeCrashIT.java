package com.licenserecon.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.seatchange.FaultInjection;
import com.licenserecon.support.CsvFiles;
import com.licenserecon.support.JarRunner;
import com.licenserecon.support.JarRunner.Result;
import com.licenserecon.support.PostgresTestDatabase;
import com.licenserecon.support.SampleData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across a crash: the JVM halts right after a change reached the provider (the file
 * gateway's outbox) and before the database recorded it. The repeated command must neither lose that
 * change nor send it again. A run commits the intents of a chunk's changes before sending any and their
 * outcomes after sending all, so the halt leaves changes of both kinds open: sent but not recorded, and
 * not sent at all.
 */
class SeatChangeCrashIT {

    @TempDir
    Path work;

    @Test
    void aChangeSentJustBeforeACrashIsRecordedOnceAndNeverSentAgain() throws Exception {
        String schema = PostgresTestDatabase.newSchema();
        JarRunner jar = new JarRunner(work).onPostgres(schema);
        jar.run("import-ct", SampleData.CT_LICENSES.toAbsolutePath().toString());
        jar.run("sync", "--provider-file", SampleData.PROVIDER_LICENSES.toAbsolutePath().toString(), "--as-of", SampleData.AS_OF);
        jar.run("seat-changes", "submit", SampleData.SEAT_CHANGES.toAbsolutePath().toString(), "--by", "ops.test");
        long ctLicensesBefore = ctLicensesTotal(schema);

        // When the apply run halts right after its third provider call
        Result crashed = jar.run("seat-changes", "apply", "--as-of", SampleData.AS_OF,
                "--license-recon.fault.halt-after-provider-calls=3");

        // Then three changes reached the provider, none is recorded yet, and more intents than those three are open
        assertThat(crashed.exitCode()).isEqualTo(FaultInjection.HALT_STATUS);
        assertThat(outboxRequestIds()).hasSize(3);
        assertThat(countWhere(schema, "status = 'APPLIED'")).isZero();
        assertThat(countWhere(schema, "1 = 1", "seat_change_intent")).isGreaterThan(3);

        // When the same command is repeated
        Result repeated = jar.run("seat-changes", "apply", "--as-of", SampleData.AS_OF);

        // Then every applied request reached the provider exactly once, and all decide as expected
        assertThat(repeated.exitCode()).as(repeated.stderr()).isZero();
        assertThat(repeated.stdout()).contains("3 recovered after a crash");
        List<String> sent = outboxRequestIds();
        assertThat(sent).doesNotHaveDuplicates().hasSize(33);
        assertThat(countWhere(schema, "status = 'APPLIED'")).isEqualTo(33);
        assertThat(countWhere(schema, "1 = 1", "seat_change_intent")).isZero();
        assertThat(outcomes(schema)).isEqualTo(expectedOutcomes());
        assertThat(ctLicensesTotal(schema) - ctLicensesBefore).isEqualTo(appliedDelta(schema));
    }

    private List<String> outboxRequestIds() {
        return CsvFiles.read(work.resolve("reports/provider-changes-2026-11-26.csv")).stream()
                .map(row -> row.get("request_id")).toList();
    }

    private static Map<String, String> expectedOutcomes() {
        Map<String, String> expected = new HashMap<>();
        for (Map<String, String> row : CsvFiles.read(SampleData.EXPECTED_CHANGES)) {
            expected.put(row.get("request_key"), String.join(",", row.get("status"), row.get("reason_code"),
                    row.get("quantity_after"), row.get("eligible_from")));
        }
        return expected;
    }

    private static Map<String, String> outcomes(String schema) throws Exception {
        Map<String, String> outcomes = new HashMap<>();
        try (Connection c = connect(schema); ResultSet rs = c.createStatement().executeQuery(
                "SELECT request_key, status, reason_code, quantity_after, eligible_from FROM seat_change_request")) {
            while (rs.next()) {
                var eligible = rs.getObject("eligible_from", java.time.OffsetDateTime.class);
                outcomes.put(rs.getString(1), String.join(",", rs.getString(2), nz(rs.getString(3)),
                        nz(rs.getString(4)), eligible == null ? "" : eligible.toInstant().toString()));
            }
        }
        return outcomes;
    }

    private static long appliedDelta(String schema) throws Exception {
        try (Connection c = connect(schema); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COALESCE(SUM(quantity_after - quantity_before), 0) FROM seat_change_request WHERE status = 'APPLIED'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long ctLicensesTotal(String schema) throws Exception {
        try (Connection c = connect(schema); ResultSet rs = c.createStatement().executeQuery(
                "SELECT SUM(ct_licenses) FROM ct_license")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long countWhere(String schema, String condition) throws Exception {
        return countWhere(schema, condition, "seat_change_request");
    }

    private static long countWhere(String schema, String condition, String table) throws Exception {
        try (Connection c = connect(schema); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM " + table + " WHERE " + condition)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect(String schema) throws Exception {
        return DriverManager.getConnection(PostgresTestDatabase.urlFor(schema), PostgresTestDatabase.USER,
                PostgresTestDatabase.PASSWORD);
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
