package com.licenserecon.provider.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.seatchange.FaultInjection;
import com.licenserecon.support.CsvFiles;
import com.licenserecon.support.JarRunner;
import com.licenserecon.support.JarRunner.Result;
import com.licenserecon.support.PostgresTestDatabase;
import com.licenserecon.support.SampleData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across a crash, with Partner Center as source and gateway: the packaged jar, configured
 * through the environment only, reads the sample licences from a fake Partner Center on loopback
 * ({@link SamplePartnerCenterFake}), then applies the sample seat changes and halts right after its third
 * PATCH was answered, before recording it (a run records the outcomes of a chunk's changes together, after
 * its last call). The repeated command reads those subscriptions back, records the three changes once and
 * does not PATCH them again: each applied request reached Partner Center as exactly one PATCH.
 */
class PartnerCenterCrashIT {

    @TempDir
    Path work;

    @Test
    void aPatchAnsweredJustBeforeACrashIsReadBackAndRecordedOnceNeverSentAgain() throws Exception {
        try (SamplePartnerCenterFake fake = new SamplePartnerCenterFake(
                SamplePartnerCenter.fromProviderFile(SampleData.PROVIDER_LICENSES))) {
            String schema = PostgresTestDatabase.newSchema();
            JarRunner jar = partnerCenter(new JarRunner(work).onPostgres(schema), fake);
            List<Result> results = new ArrayList<>();

            results.add(ok(jar.run("import-ct", SampleData.CT_LICENSES.toAbsolutePath().toString())));
            results.add(ok(jar.run("sync", "--as-of", SampleData.AS_OF)));
            assertThat(CsvFiles.reconKeys(work.resolve("reports/reconciliation-2026-11-26.csv")))
                    .containsExactlyInAnyOrderElementsOf(CsvFiles.reconKeys(SampleData.EXPECTED_RECON));
            results.add(ok(jar.run("seat-changes", "submit", SampleData.SEAT_CHANGES.toAbsolutePath().toString(),
                    "--by", "ops.test")));
            assertThat(fake.patchRequestsBySubscription()).isEmpty();

            // When the apply run halts right after its third provider call
            Result crashed = jar.run("seat-changes", "apply", "--as-of", SampleData.AS_OF,
                    "--license-recon.fault.halt-after-provider-calls=3");
            results.add(crashed);

            // Then three PATCHes were applied at Partner Center, none is recorded, and the chunk's other intents are open
            assertThat(crashed.exitCode()).as(crashed.stderr()).isEqualTo(FaultInjection.HALT_STATUS);
            List<SamplePartnerCenterFake.AppliedPatch> beforeRestart = fake.applied();
            assertThat(beforeRestart).hasSize(3);
            assertThat(count(schema, "SELECT COUNT(*) FROM seat_change_request WHERE status = 'APPLIED'")).isZero();
            assertThat(count(schema, "SELECT COUNT(*) FROM seat_change_intent")).isGreaterThan(3);
            String unrecorded = beforeRestart.get(2).subscriptionId();
            int readsBeforeRestart = fake.events("GET", fake.subscriptionPath(unrecorded)).size();

            // When the same command is repeated
            Result repeated = jar.run("seat-changes", "apply", "--as-of", SampleData.AS_OF);
            results.add(repeated);

            // Then the unrecorded change was read back and recorded, not sent again
            assertThat(repeated.exitCode()).as(repeated.stderr()).isZero();
            assertThat(repeated.stdout()).contains("3 recovered after a crash");
            assertThat(fake.events("GET", fake.subscriptionPath(unrecorded)).size()).isGreaterThan(readsBeforeRestart);
            assertThat(fake.applied().subList(0, 3)).isEqualTo(beforeRestart);

            // ... every request decided as with the file (Graph counts assigned seats per SKU), and each applied
            // one reached Partner Center as exactly one PATCH with the whole resource and its new quantity
            assertThat(outcomes(schema)).isEqualTo(fake.sample().expectedChangeOutcomes());
            assertThat(count(schema, "SELECT COUNT(*) FROM seat_change_intent")).isZero();
            Map<String, List<Integer>> recorded = appliedQuantitiesBySubscription(schema);
            assertThat(recorded.values().stream().mapToInt(List::size).sum()).isEqualTo(32);
            assertThat(fake.violations()).isEmpty();
            assertThat(fake.appliedQuantitiesBySubscription()).isEqualTo(recorded);
            Map<String, Integer> patchesExpected = new HashMap<>();
            recorded.forEach((subscription, quantities) -> patchesExpected.put(subscription, quantities.size()));
            assertThat(fake.patchRequestsBySubscription()).isEqualTo(patchesExpected);
            assertThat(fake.patchRequestsBySubscription().get(unrecorded)).as("PATCHes of %s", unrecorded)
                    .isEqualTo(recorded.get(unrecorded).size());

            // ... and the client secret, given only in the environment, is in no output and no report
            for (Result result : results) {
                assertThat(result.stdout() + result.stderr()).doesNotContain(SamplePartnerCenterFake.CLIENT_SECRET);
            }
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as("%s", file)
                            .doesNotContain(SamplePartnerCenterFake.CLIENT_SECRET);
                }
            }
        }
    }

    /** Partner Center as source and gateway, through the environment as the README says (no secret in args). */
    private static JarRunner partnerCenter(JarRunner jar, SamplePartnerCenterFake fake) {
        return jar.env("LICENSE_RECON_PROVIDER_SOURCE", "partner-center")
                .env("LICENSE_RECON_PROVIDER_GATEWAY", "partner-center")
                .env("LICENSE_RECON_PARTNER_CENTER_TOKEN_ENDPOINT", fake.tokenEndpoint())
                .env("LICENSE_RECON_PARTNER_CENTER_TENANT_ID", SamplePartnerCenterFake.PARTNER_TENANT)
                .env("LICENSE_RECON_PARTNER_CENTER_CLIENT_ID", SamplePartnerCenterFake.CLIENT_ID)
                .env("LICENSE_RECON_PARTNER_CENTER_CLIENT_SECRET", SamplePartnerCenterFake.CLIENT_SECRET)
                .env("LICENSE_RECON_PARTNER_CENTER_API_BASE_URL", fake.base())
                .env("LICENSE_RECON_PARTNER_CENTER_GRAPH_ENABLED", "true")
                .env("LICENSE_RECON_PARTNER_CENTER_GRAPH_BASE_URL", fake.base())
                .env("LICENSE_RECON_PARTNER_CENTER_SKU_MAP", Path.of("config", "sku-map.csv").toAbsolutePath().toString())
                .env("LICENSE_RECON_PARTNER_CENTER_PAGE_SIZE", "40")
                .env("LICENSE_RECON_PARTNER_CENTER_INITIAL_BACKOFF", "PT0.05S")
                .env("LICENSE_RECON_PARTNER_CENTER_GATEWAY_INITIAL_BACKOFF", "PT0.05S");
    }

    private static Result ok(Result result) {
        assertThat(result.exitCode()).as("exit code; stderr: %s", result.stderr()).isZero();
        return result;
    }

    private static Map<String, String> outcomes(String schema) throws Exception {
        Map<String, String> outcomes = new LinkedHashMap<>();
        try (Connection c = connect(schema); ResultSet rs = c.createStatement().executeQuery(
                "SELECT request_key, status, reason_code, quantity_after, eligible_from FROM seat_change_request")) {
            while (rs.next()) {
                OffsetDateTime eligible = rs.getObject("eligible_from", OffsetDateTime.class);
                outcomes.put(rs.getString(1), String.join(",", rs.getString(2), nz(rs.getString(3)),
                        nz(rs.getString(4)), eligible == null ? "" : eligible.toInstant().toString()));
            }
        }
        return outcomes;
    }

    /** The quantities the applied requests set each subscription to, in the order they were decided. */
    private static Map<String, List<Integer>> appliedQuantitiesBySubscription(String schema) throws Exception {
        Map<String, List<Integer>> bySubscription = new HashMap<>();
        try (Connection c = connect(schema); ResultSet rs = c.createStatement().executeQuery(
                "SELECT subscription_id, quantity_after FROM seat_change_request WHERE status = 'APPLIED' "
                        + "ORDER BY requested_at, request_id")) {
            while (rs.next()) {
                bySubscription.computeIfAbsent(rs.getString(1), s -> new ArrayList<>()).add(rs.getInt(2));
            }
        }
        return bySubscription;
    }

    private static long count(String schema, String sql) throws Exception {
        try (Connection c = connect(schema); ResultSet rs = c.createStatement().executeQuery(sql)) {
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
