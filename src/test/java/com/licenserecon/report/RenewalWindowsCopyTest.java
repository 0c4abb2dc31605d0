package com.licenserecon.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.ctlicense.CtLicenseImporter;
import com.licenserecon.support.GeneratedNights;
import com.licenserecon.support.PostgresJobTest;
import com.licenserecon.seatchange.SubscriptionSeats;
import com.licenserecon.sync.SnapshotPartitions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The renewal-windows report as PostgreSQL writes it ({@link RenewalWindowsReport#copyQuery}, the window
 * rule in SQL) holds exactly the lines of the Java report ({@link RenewalWindowsReport.Cells}, the rule of
 * {@code RenewalWindow#of}) on generated nights, at several moments around their refund deadlines and
 * renewals, with queued decreases and requests whose window has closed.
 */
class RenewalWindowsCopyTest extends PostgresJobTest {

    private static final Duration HORIZON = Duration.ofDays(30);

    @Autowired
    JobOperatorTestUtils jobOperatorTestUtils;

    @Autowired
    CtLicenseImporter ctLicenseImporter;

    @Autowired
    CopyReports copyReports;

    @Autowired
    SnapshotPartitions partitions;

    @Autowired
    SubscriptionSeats seats;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}, {1} customers, as of {2}")
    @CsvSource({
            "1, 120, 2026-11-26T02:00:00Z",
            "20261126, 400, 2026-11-26T02:00:00Z",
            "-7046029254386353131, 300, 2026-12-01T00:00:00Z"})
    void givenAGeneratedNight_whenPostgresWritesTheRenewalWindows_thenEveryLineIsTheJavaReportsLine(long seed, int customers,
            Instant asOf) throws Exception {
        GeneratedNights.check(seed, customers, asOf, dir, ctLicenseImporter, jobOperatorTestUtils);
        long snapshot = jdbc.sql("SELECT MAX(snapshot_id) FROM provider_snapshot").query(Long.class).single();
        queueRequests(snapshot, asOf);

        int windows = 0;
        int missed = 0;
        for (Instant t : new Instant[] {asOf, asOf.minus(Duration.ofDays(4)), asOf.plus(Duration.ofDays(3)),
                asOf.plus(Duration.ofDays(9).plusHours(5))}) {
            List<String> java = javaReport(snapshot, t);
            String sql = sqlReport(snapshot, t);

            assertThat(records(sql)).as("seed %d at %s", seed, t).containsExactlyElementsOf(java);
            assertThat(sql).as("the file, byte for byte").isEqualTo(CsvLine.format(RenewalWindowsReport.HEADER) + "\n"
                    + java.stream().map(line -> line + "\n").collect(Collectors.joining()));
            windows += (int) java.stream().filter(line -> line.startsWith("WINDOW,")).count();
            missed += (int) java.stream().filter(line -> line.startsWith("MISSED,")).count();
        }
        assertThat(windows).as("WINDOW lines compared").isGreaterThan(20);
        assertThat(missed).as("MISSED lines compared").isPositive();
    }

    @ParameterizedTest(name = "{0} pieces")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3})
    void givenTheReportWrittenInPiecesByTenant_whenThePiecesAreJoined_thenTheFileIsTheWholeReport(int pieces)
            throws Exception {
        Instant asOf = Instant.parse("2026-11-26T02:00:00Z");
        GeneratedNights.check(20261126, 300, asOf, dir, ctLicenseImporter, jobOperatorTestUtils);
        long snapshot = jdbc.sql("SELECT MAX(snapshot_id) FROM provider_snapshot").query(Long.class).single();
        queueRequests(snapshot, asOf);
        ReportFiles files = new ReportFiles(dir.resolve("pieces"), java.time.LocalDate.of(2026, 11, 26), 7);
        files.prepare();

        var ranges = com.licenserecon.reconcile.TenantRange.split(pieces);
        for (int piece = 0; piece < pieces; piece++) {
            copyReports.writeRows(files.piece(RenewalWindowsReport.KIND, piece, pieces), RenewalWindowsReport.copyQuery(
                    relation(SnapshotPartitions.PROVIDER, snapshot), relation(SnapshotPartitions.RESULTS, snapshot),
                    snapshot, asOf, HORIZON, ranges.get(piece), piece == pieces - 1));
        }
        files.join(RenewalWindowsReport.KIND, CopyReports.headerLine(RenewalWindowsReport.HEADER),
                files.pieces(RenewalWindowsReport.KIND));

        String whole = sqlReport(snapshot, asOf);
        assertThat(whole).contains("\nWINDOW,").contains("\nMISSED,");
        assertThat(Files.readString(files.staging(RenewalWindowsReport.KIND), StandardCharsets.UTF_8)).isEqualTo(whole);
        assertThat(files.pieces(RenewalWindowsReport.KIND)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void givenAPieceMissing_whenThePiecesAreListed_thenItIsNamed() throws Exception {
        ReportFiles files = new ReportFiles(dir, java.time.LocalDate.of(2026, 11, 26), 7);
        Files.writeString(files.piece(RenewalWindowsReport.KIND, 0, 2), "");

        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> files.pieces(RenewalWindowsReport.KIND))
                .withMessageContaining(files.piece(RenewalWindowsReport.KIND, 1, 2).toString());
    }

    @org.junit.jupiter.api.Test
    void givenAJoinThatStoppedWhileDeletingThePieces_whenThePiecesAreListedAgain_thenTheReportCountsAsJoined()
            throws Exception {
        ReportFiles files = new ReportFiles(dir, java.time.LocalDate.of(2026, 11, 26), 7);
        Files.writeString(files.staging(RenewalWindowsReport.KIND), "the joined report\n");
        Files.writeString(files.piece(RenewalWindowsReport.KIND, 1, 2), "");

        assertThat(files.pieces(RenewalWindowsReport.KIND)).isEmpty();
        assertThat(files.piece(RenewalWindowsReport.KIND, 1, 2)).doesNotExist();
        assertThat(files.staging(RenewalWindowsReport.KIND)).hasContent("the joined report");
    }

    @org.junit.jupiter.api.Test
    void givenSeatChangesAppliedAfterTheImport_whenPostgresWritesTheRenewalWindows_thenItReadsTheBatchesTheyLeft()
            throws Exception {
        Instant asOf = Instant.parse("2026-11-26T02:00:00Z");
        GeneratedNights.check(20261126, 300, asOf, dir, ctLicenseImporter, jobOperatorTestUtils);
        long snapshot = jdbc.sql("SELECT MAX(snapshot_id) FROM provider_snapshot").query(Long.class).single();
        // Every other linked subscription with refund batches loses them (a decrease used them up), the others
        // get one more (an increase), as applying a seat change writes them back.
        List<SubscriptionSeats.AppliedChange> changes = new ArrayList<>();
        jdbc.sql("""
                SELECT p.subscription_id, p.quantity, p.refundable, c.ct_license_id FROM provider_subscription p
                JOIN ct_license c ON c.subscription_id = p.subscription_id
                WHERE p.snapshot_id = ? AND p.refundable IS NOT NULL ORDER BY p.subscription_id""")
                .param(snapshot).query(rs -> {
                    String after = changes.size() % 2 == 0 ? null
                            : rs.getString("refundable") + ";4@" + asOf.plus(Duration.ofDays(3).plusMillis(5));
                    changes.add(new SubscriptionSeats.AppliedChange(snapshot, rs.getObject("subscription_id", UUID.class),
                            rs.getInt("quantity"), after, rs.getString("ct_license_id"), 0));
                });
        seats.applyChanges(changes);

        for (Instant t : new Instant[] {asOf, asOf.plus(Duration.ofDays(1))}) {
            List<String> java = javaReport(snapshot, t);

            assertThat(records(sqlReport(snapshot, t))).as("at %s", t).containsExactlyElementsOf(java);
        }
        assertThat(changes).hasSizeGreaterThan(20);
    }

    @ParameterizedTest(name = "seed {0}, {1} customers, as of {2}")
    @CsvSource({"20261126, 300, 2026-11-26T02:00:00Z"})
    void givenANightImportedBeforeTheRefundSchedule_whenPostgresWritesTheRenewalWindows_thenItReadsTheRefundableText(
            long seed, int customers, Instant asOf) throws Exception {
        GeneratedNights.check(seed, customers, asOf, dir, ctLicenseImporter, jobOperatorTestUtils);
        long snapshot = jdbc.sql("SELECT MAX(snapshot_id) FROM provider_snapshot").query(Long.class).single();
        String withSchedule = sqlReport(snapshot, asOf);
        // as rows written before sql/postgresql/V12 are
        int cleared = jdbc.sql("""
                UPDATE provider_subscription SET refund_untils = NULL, refund_seats_from = NULL, refund_deadlines = NULL
                WHERE snapshot_id = ? AND refundable IS NOT NULL""").param(snapshot).update();

        for (Instant t : new Instant[] {asOf, asOf.plus(Duration.ofDays(3))}) {
            List<String> java = javaReport(snapshot, t);
            String sql = sqlReport(snapshot, t);

            assertThat(records(sql)).as("seed %d at %s", seed, t).containsExactlyElementsOf(java);
            assertThat(java.stream().filter(line -> line.startsWith("WINDOW,")).count()).isGreaterThan(20);
        }
        assertThat(cleared).isPositive();
        assertThat(sqlReport(snapshot, asOf)).isEqualTo(withSchedule);
    }

    /**
     * Every fifth NCE subscription gets a queued decrease, every seventh a request whose window closed a
     * day before the night (some at a fraction of a second).
     */
    private void queueRequests(long snapshot, Instant asOf) {
        List<Object[]> subscriptions = jdbc.sql("""
                SELECT customer_tenant_id, subscription_id FROM provider_subscription
                WHERE snapshot_id = ? AND commitment = 'NCE' ORDER BY subscription_id""")
                .param(snapshot).query((rs, i) -> new Object[] {rs.getObject(1), rs.getObject(2)}).list();
        for (int i = 0; i < subscriptions.size(); i++) {
            Instant closes = i % 7 == 0 ? asOf.minus(Duration.ofDays(1)).plusMillis(i % 3 == 0 ? 0 : 123)
                    : asOf.plus(Duration.ofDays(40));
            if (i % 5 == 0 || i % 7 == 0) {
                jdbc.sql("""
                        INSERT INTO seat_change_request (request_id, customer_tenant_id, subscription_id, change_kind, amount,
                            requested_by, requested_at, submitted_at, status, window_closes)
                        VALUES (?, ?, ?, 'LESS', ?, 'test', ?, ?, 'QUEUED', ?)""")
                        .params(UUID.randomUUID(), subscriptions.get(i)[0], subscriptions.get(i)[1], 1 + i % 4,
                                Timestamp.from(asOf), Timestamp.from(asOf), Timestamp.from(closes))
                        .update();
            }
        }
    }

    private List<String> javaReport(long snapshot, Instant asOf) {
        RenewalWindowsReport.Cells cells = new RenewalWindowsReport.Cells(asOf, HORIZON);
        List<String> lines = new ArrayList<>();
        try (var rows = jdbc.sql(RenewalWindowsReport.sql(relation(SnapshotPartitions.PROVIDER, snapshot),
                        relation(SnapshotPartitions.RESULTS, snapshot)))
                .params(RenewalWindowsReport.arguments(snapshot, asOf, HORIZON))
                .query(RenewalWindowsReport.ROW).stream()) {
            rows.map(cells::process).filter(Objects::nonNull).forEach(line -> lines.add(CsvLine.format(line)));
        }
        return lines;
    }

    private String sqlReport(long snapshot, Instant asOf) throws Exception {
        Path file = dir.resolve("renewal-windows-sql.csv");
        copyReports.write(file, RenewalWindowsReport.HEADER, RenewalWindowsReport.copyQuery(
                relation(SnapshotPartitions.PROVIDER, snapshot), relation(SnapshotPartitions.RESULTS, snapshot), snapshot,
                asOf, HORIZON));
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The data records of a report file, each as the Java writer formats it (a record may span lines). */
    private static List<String> records(String file) throws Exception {
        try (var csv = new com.opencsv.CSVReader(new java.io.StringReader(file))) {
            List<String> records = new ArrayList<>();
            csv.readNext();
            for (String[] cells = csv.readNext(); cells != null; cells = csv.readNext()) {
                records.add(CsvLine.format(cells));
            }
            return records;
        }
    }

    private String relation(String table, long snapshot) {
        return partitions.relation(table, snapshot);
    }
}
