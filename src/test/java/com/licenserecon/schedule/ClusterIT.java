package com.licenserecon.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.support.JarRunner;
import com.licenserecon.support.LicenseDataGenerator;
import com.licenserecon.support.PostgresTestDatabase;
import com.licenserecon.support.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve} nodes (two JVMs) on one PostgreSQL, with schedules every few seconds: what the
 * cluster promises, checked from the database the nodes share.
 */
class ClusterIT {

    @TempDir
    Path work;

    private final String schema = PostgresTestDatabase.newSchema();
    private final List<Process> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(Process::destroyForcibly);
    }

    @Test
    void twoNodesRunEachFiringOnceAndImportTheInboxFileOnce() throws Exception {
        JarRunner cli = new JarRunner(work).onPostgres(schema);
        cli.run("import-ct", SampleData.CT_LICENSES.toAbsolutePath().toString());
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Files.copy(SampleData.PROVIDER_LICENSES, inbox.resolve("provider-licenses.csv"));

        start("a", "0/4 * * * * ?", "0/3 * * * * ?");
        start("b", "0/4 * * * * ?", "0/3 * * * * ?");

        await(Duration.ofSeconds(90), () -> Files.exists(work.resolve("inbox/archive/provider-licenses.csv")));
        long seatChangeRunsAtArchive = count("SELECT COUNT(*) FROM batch_job_instance WHERE job_name = 'seatChangeJob'");
        await(Duration.ofSeconds(60), () -> count(
                "SELECT COUNT(*) FROM batch_job_instance WHERE job_name = 'seatChangeJob'") >= seatChangeRunsAtArchive + 4);

        assertThat(inbox.resolve("provider-licenses.csv")).doesNotExist();
        assertThat(count("SELECT COUNT(*) FROM provider_snapshot")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM batch_job_execution e JOIN batch_job_instance i "
                + "ON i.job_instance_id = e.job_instance_id WHERE i.job_name = 'licenseSyncJob'")).isEqualTo(1);
        // Each seat change firing (one as-of instant) ran once, on one node, and completed.
        assertThat(count("""
                SELECT COUNT(*) FROM (SELECT p.parameter_value FROM batch_job_execution_params p
                  JOIN batch_job_execution e ON e.job_execution_id = p.job_execution_id
                  JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                  WHERE i.job_name = 'seatChangeJob' AND p.parameter_name = 'asOf'
                  GROUP BY p.parameter_value HAVING COUNT(*) > 1) repeated""")).isZero();
        assertThat(count("""
                SELECT COUNT(*) FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                WHERE i.job_name = 'seatChangeJob' AND e.status <> 'COMPLETED' AND e.end_time IS NOT NULL"""))
                .as(() -> "seat change runs that did not complete; node logs:\n" + tail(log("a")) + "\n---\n" + tail(log("b")))
                .isZero();
        assertThat(log("a") + log("b")).contains("seatChangeJob execution");
    }

    @Test
    void whenTheNodeRunningTheSyncIsKilledTheOtherCompletesIt() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        Path provider = inbox.resolve("big-provider.csv");
        var generated = LicenseDataGenerator.write(7, 60_000, work.resolve("ct-unused.csv"), provider);
        new JarRunner(work).onPostgres(schema).run("seat-changes", "list"); // creates the schema

        start("a", "0/5 * * * * ?", "0 0 0 1 1 ? 2099");
        start("b", "0/5 * * * * ?", "0 0 0 1 1 ? 2099");
        await(Duration.ofSeconds(90), () -> log("a").contains("licenseSyncJob execution")
                || log("b").contains("licenseSyncJob execution"));
        Thread.sleep(3000);
        String running = log("a").contains("licenseSyncJob execution") ? "a" : "b";
        nodes.get(running.equals("a") ? 0 : 1).destroyForcibly().waitFor();

        await(Duration.ofSeconds(180), () -> count("""
                SELECT COUNT(*) FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                WHERE i.job_name = 'licenseSyncJob' AND e.status = 'COMPLETED'""") == 1);

        assertThat(count("SELECT COUNT(*) FROM provider_snapshot")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM provider_subscription") + count("SELECT COUNT(DISTINCT line_number) FROM provider_reject"))
                .isEqualTo(generated.providerRows());
        assertThat(count("SELECT COUNT(*) FROM (SELECT line_number FROM provider_subscription GROUP BY line_number HAVING COUNT(*) > 1) d"))
                .isZero();
        await(Duration.ofSeconds(30), () -> Files.exists(inbox.resolve("archive/big-provider.csv")));
    }

    @Test
    void aSigtermStopsTheRunningSyncWhichTheNextFiringRestartsWhereItStopped() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        var generated = LicenseDataGenerator.write(11, 100_000, work.resolve("ct-unused.csv"), inbox.resolve("provider.csv"));
        new JarRunner(work).onPostgres(schema).run("seat-changes", "list");

        start("a", "0/5 * * * * ?", "0 0 0 1 1 ? 2099");
        await(Duration.ofSeconds(90), () -> log("a").contains("licenseSyncJob execution"));
        Thread.sleep(2000);
        Process a = nodes.get(0);
        a.destroy(); // SIGTERM
        assertThat(a.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(count("""
                SELECT COUNT(*) FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                WHERE i.job_name = 'licenseSyncJob' AND e.status = 'STOPPED'"""))
                .as(() -> "sync executions STOPPED by SIGTERM; node log:\n" + tail(log("a")))
                .isEqualTo(1);

        start("b", "0/5 * * * * ?", "0 0 0 1 1 ? 2099");
        await(Duration.ofSeconds(180), () -> count("""
                SELECT COUNT(*) FROM batch_job_execution e JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                WHERE i.job_name = 'licenseSyncJob' AND e.status = 'COMPLETED'""") == 1);

        assertThat(count("SELECT COUNT(DISTINCT job_instance_id) FROM batch_job_instance WHERE job_name = 'licenseSyncJob'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM provider_subscription")).isEqualTo(generated.providerRows());
    }

    @Test
    void aNightlyRunMissedWhileEveryNodeWasDownFiresOnceWhenANodeComesBack() throws Exception {
        new JarRunner(work).onPostgres(schema).run("seat-changes", "list");
        // An instant, so that a test running just before midnight still waits for the right moment.
        Instant firing = Instant.now().plusSeconds(35).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        LocalTime at = firing.atZone(ZoneOffset.UTC).toLocalTime();
        String nightly = "%d %d %d * * ?".formatted(at.getSecond(), at.getMinute(), at.getHour());
        String never = "0 0 0 1 1 ? 2099";

        start("a", nightly, never);
        await(Duration.ofSeconds(60), () -> log("a").contains("Started LicenseReconApplication")
                || count("SELECT COUNT(*) FROM qrtz_triggers WHERE trigger_name = 'nightly-sync'") == 1);
        nodes.get(0).destroyForcibly().waitFor();
        while (Instant.now().isBefore(firing.plusSeconds(3))) {
            Thread.sleep(500);
        }

        start("b", nightly, never);
        await(Duration.ofSeconds(60), () -> log("b").contains("nightly sync as of"));
        Thread.sleep(8000);

        assertThat(log("a")).doesNotContain("nightly sync as of");
        assertThat(log("b").lines().filter(l -> l.contains("nightly sync as of")).count()).isEqualTo(1);
    }

    private void start(String name, String syncCron, String seatChangesCron) throws Exception {
        nodes.add(new JarRunner(work).onPostgres(schema).start(work.resolve(name + ".log"), "serve",
                "--server.port=0",
                "--license-recon.schedule.sync-cron=" + syncCron,
                "--license-recon.schedule.seat-changes-cron=" + seatChangesCron,
                "--license-recon.schedule.inbox=" + work.resolve("inbox"),
                "--license-recon.sync.report-dir=" + work.resolve("reports"),
                "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=2000",
                "--spring.quartz.properties.org.quartz.jobStore.misfireThreshold=1000",
                "--logging.level.com.licenserecon=INFO"));
    }

    private String log(String node) {
        try {
            Path file = work.resolve(node + ".log");
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (Exception e) {
            return "";
        }
    }

    private long count(String sql) {
        try (Connection c = DriverManager.getConnection(PostgresTestDatabase.urlFor(schema), PostgresTestDatabase.USER,
                PostgresTestDatabase.PASSWORD); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    private void await(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + "; node logs:\n" + tail(log("a")) + "\n---\n" + tail(log("b")));
            }
            Thread.sleep(500);
        }
    }

    private static String tail(String text) {
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }
}
