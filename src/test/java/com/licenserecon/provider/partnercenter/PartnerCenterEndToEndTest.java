package com.licenserecon.provider.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.licenserecon.ctlicense.CtLicenseImporter;
import com.licenserecon.seatchange.SeatChangeIntake;
import com.licenserecon.seatchange.SeatChangeLauncher;
import com.licenserecon.seatchange.SeatChangeStore;
import com.licenserecon.seatchange.StoredRequest;
import com.licenserecon.support.CsvFiles;
import com.licenserecon.support.PostgresJobTest;
import com.licenserecon.support.SampleData;
import com.licenserecon.sync.SyncJobParameters;
import com.licenserecon.sync.SyncLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The acceptance of the Partner Center issue, end to end on PostgreSQL, against a fake Partner Center on
 * loopback that serves the sample provider file as Microsoft's JSON ({@link SamplePartnerCenterFake}):
 * <ul>
 * <li>a sync through the API (no provider file) gives samples/expected-recon.csv, the reconciliation of the
 * file with the same content, through paging, throttling and 5xx on the way;</li>
 * <li>the sample seat changes then decide as samples/expected-changes.csv (but for the one request that
 * Graph's per-SKU count of assigned seats keeps waiting: {@link SamplePartnerCenter#GRAPH_PER_SKU_REQUEST}),
 * and every applied one reaches
 * Partner Center as exactly one PATCH with the whole resource and the new quantity, through 429 with
 * Retry-After, 409, 503 and a PATCH applied whose answer came too late;</li>
 * <li>a customer that cannot be read is NOT_AUDITED and listed in the summary, the others reconcile; when no
 * customer can be read, the run fails and publishes no reconciliation.</li>
 * </ul>
 */
class PartnerCenterEndToEndTest extends PostgresJobTest {

    private static final Instant T = Instant.parse(SampleData.AS_OF);
    private static final String DATE = "2026-11-26";
    private static final SamplePartnerCenterFake FAKE = new SamplePartnerCenterFake(
            SamplePartnerCenter.fromProviderFile(SampleData.PROVIDER_LICENSES));

    /**
     * A tenant whose CT records hold a linked record Partner Center does not know (MISSING_AT_PROVIDER with the
     * file): when the tenant cannot be read, all of its records must be NOT_AUDITED instead.
     */
    private static final String UNREADABLE_TENANT = "22902bd6-1868-4276-aaf4-8368fc3e8981";

    @DynamicPropertySource
    static void partnerCenter(DynamicPropertyRegistry registry) {
        registry.add("license-recon.provider.source", () -> "partner-center");
        registry.add("license-recon.provider.gateway", () -> "partner-center");
        registry.add("license-recon.partner-center.token-endpoint", FAKE::tokenEndpoint);
        registry.add("license-recon.partner-center.tenant-id", () -> SamplePartnerCenterFake.PARTNER_TENANT);
        registry.add("license-recon.partner-center.client-id", () -> SamplePartnerCenterFake.CLIENT_ID);
        registry.add("license-recon.partner-center.client-secret", () -> SamplePartnerCenterFake.CLIENT_SECRET);
        registry.add("license-recon.partner-center.api-base-url", FAKE::base);
        registry.add("license-recon.partner-center.graph-enabled", () -> "true");
        registry.add("license-recon.partner-center.graph-base-url", FAKE::base);
        registry.add("license-recon.partner-center.sku-map", () -> Path.of("config", "sku-map.csv").toAbsolutePath().toString());
        registry.add("license-recon.partner-center.page-size", () -> "40");
        registry.add("license-recon.partner-center.requests-per-minute", () -> "100000");
        registry.add("license-recon.partner-center.max-retries", () -> "2");
        registry.add("license-recon.partner-center.initial-backoff", () -> "PT0.01S");
        registry.add("license-recon.partner-center.connect-timeout", () -> "PT2S");
        registry.add("license-recon.partner-center.read-timeout", () -> "PT1S");
        registry.add("license-recon.partner-center.gateway.max-attempts", () -> "4");
        registry.add("license-recon.partner-center.gateway.initial-backoff", () -> "PT0.01S");
        registry.add("license-recon.partner-center.gateway.max-backoff", () -> "PT0.05S");
        registry.add("license-recon.partner-center.gateway.max-polls", () -> "5");
        registry.add("license-recon.partner-center.gateway.poll-interval", () -> "PT0.01S");
    }

    @Autowired
    CtLicenseImporter ctLicenseImporter;

    @Autowired
    SyncLauncher syncLauncher;

    @Autowired
    SeatChangeIntake intake;

    @Autowired
    SeatChangeLauncher seatChangeLauncher;

    @Autowired
    SeatChangeStore store;

    @TempDir
    Path reports;

    @BeforeEach
    void sampleContent() {
        FAKE.reset();
    }

    @AfterAll
    static void stopFake() {
        FAKE.close();
    }

    @Test
    void aSyncThroughTheApiReconcilesLikeTheFileAndEachSeatChangeReachesPartnerCenterOnce() throws Exception {
        SamplePartnerCenter sample = FAKE.sample();
        List<SamplePartnerCenter.Tenant> tenants = sample.tenants();
        String throttledCustomer = tenants.get(7).tenantId();
        String failingTwiceCustomer = tenants.get(61).tenantId();
        // Paging with a fault in the middle; a throttled customer; a customer answering 500 twice, then 200.
        FAKE.failNextPage(1, SamplePartnerCenterFake.error(503, 503, "Service unavailable"));
        FAKE.failNext("GET", "/v1/customers/" + throttledCustomer + "/subscriptions", 1, SamplePartnerCenterFake.throttled(1));
        FAKE.failNext("GET", "/v1/customers/" + failingTwiceCustomer + "/subscriptions", 2,
                SamplePartnerCenterFake.error(500, 500, "An internal error occurred. Please try again later."));
        ctLicenseImporter.importFile(SampleData.CT_LICENSES);

        // When the night's sync reads Partner Center (no provider file)
        JobExecution sync = sync();

        // Then the reconciliation is the one of the file with the same content
        assertThat(sync.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(CsvFiles.reconKeys(report("reconciliation")))
                .containsExactlyInAnyOrderElementsOf(CsvFiles.reconKeys(SampleData.EXPECTED_RECON));
        Map<String, String> summary = summaryMetrics();
        assertThat(summary).containsEntry("provider_subscriptions", "394").containsEntry("provider_rows_rejected", "0")
                .containsEntry("customers_not_audited", "0").containsEntry("mapping_gaps", "0");
        // ... read over 3 pages of 40 customers (and one page asked twice after its 503), each customer once more
        // for each fault, and the throttled one only after its Retry-After
        List<ServeEvent> pages = FAKE.events("GET", "/v1/customers");
        assertThat(pages).extracting(e -> e.getResponse().getStatus()).containsExactly(200, 503, 200, 200);
        assertThat(pages).extracting(e -> String.valueOf(e.getRequest().getHeader(PartnerCenterClient.CONTINUATION_TOKEN)))
                .containsExactly("null", "page-1", "page-1", "page-2");
        for (SamplePartnerCenter.Tenant tenant : tenants) {
            int expected = tenant.tenantId().equals(throttledCustomer) ? 2 : tenant.tenantId().equals(failingTwiceCustomer) ? 3 : 1;
            assertThat(FAKE.events("GET", "/v1/customers/" + tenant.tenantId() + "/subscriptions"))
                    .as("reads of customer %s", tenant.tenantId()).hasSize(expected);
        }
        assertThat(gapMillis(FAKE.events("GET", "/v1/customers/" + throttledCustomer + "/subscriptions")))
                .as("the wait after a 429 with Retry-After: 1").isGreaterThanOrEqualTo(950);
        assertThat(FAKE.events("GET", "/v1.0/subscribedSkus")).hasSize(tenants.size());

        // Given the sample's seat changes, and Partner Center throttling, busy and slow on some of them
        intake.submit(SampleData.SEAT_CHANGES, "ops.e2e");
        Map<String, Map<String, String>> requests = byKey(CsvFiles.read(SampleData.SEAT_CHANGES));
        String patchThrottled = requests.get("k-000002").get("subscription_id");
        String renewing = requests.get("k-000008").get("subscription_id");
        String readThrottled = requests.get("k-000011").get("subscription_id");
        String unavailable = requests.get("k-000012").get("subscription_id");
        String lateAnswer = requests.get("k-000014").get("subscription_id");
        FAKE.failNext("PATCH", FAKE.subscriptionPath(patchThrottled), 1, SamplePartnerCenterFake.throttled(1));
        FAKE.failNext("PATCH", FAKE.subscriptionPath(renewing), 1,
                SamplePartnerCenterFake.error(409, 800002, "A renewal of this subscription is in progress; try again later."));
        FAKE.failNext("GET", FAKE.subscriptionPath(readThrottled), 1, SamplePartnerCenterFake.throttled(1));
        FAKE.failNext("PATCH", FAKE.subscriptionPath(unavailable), 1,
                SamplePartnerCenterFake.error(503, 503, "Service unavailable"));
        FAKE.applyThenAnswerLate(lateAnswer, 1500); // the read time-out is 1 s

        // When seat-changes apply runs at the same instant
        JobExecution apply = seatChangeLauncher.launch(T, reports);

        // Then every request decides as with the file
        assertThat(apply.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, StoredRequest> stored = store.list(null, null).stream()
                .collect(Collectors.toMap(StoredRequest::requestKey, r -> r));
        assertThat(outcomes(stored)).isEqualTo(FAKE.sample().expectedChangeOutcomes());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM seat_change_intent").query(Long.class).single()).isZero();

        // ... and every applied one reached Partner Center as exactly one PATCH, in the order decided, with the
        // whole resource as last read and the new quantity (the fake refuses anything else)
        assertThat(FAKE.violations()).isEmpty();
        Map<String, List<Integer>> expectedPatches = appliedQuantitiesBySubscription(stored);
        assertThat(expectedPatches.values().stream().mapToInt(List::size).sum()).isEqualTo(32);
        assertThat(FAKE.appliedQuantitiesBySubscription()).isEqualTo(expectedPatches);
        Map<String, Integer> expectedRequests = new HashMap<>();
        expectedPatches.forEach((subscription, quantities) -> expectedRequests.put(subscription, quantities.size()));
        for (String failedOnce : List.of(patchThrottled, renewing, unavailable)) {
            expectedRequests.merge(failedOnce, 1, Integer::sum); // the refused attempt, then the one that applied
        }
        assertThat(FAKE.patchRequestsBySubscription()).isEqualTo(expectedRequests);
        for (String subscription : expectedPatches.keySet()) {
            assertThat(FAKE.quantity(subscription)).as("Partner Center's quantity of %s", subscription)
                    .isEqualTo(expectedPatches.get(subscription).get(expectedPatches.get(subscription).size() - 1));
        }
        // ... the PATCH answered too late was read back, not sent again
        assertThat(FAKE.events("PATCH", FAKE.subscriptionPath(lateAnswer))).hasSize(1);
        assertThat(FAKE.events("GET", FAKE.subscriptionPath(lateAnswer))).hasSizeGreaterThanOrEqualTo(2);
        // ... and a 429 was followed by nothing on that subscription before its Retry-After had passed
        assertThat(gapAfterStatus(FAKE.subscriptionPath(patchThrottled), 429)).isGreaterThanOrEqualTo(950);
        assertThat(gapAfterStatus(FAKE.subscriptionPath(readThrottled), 429)).isGreaterThanOrEqualTo(950);
    }

    @Test
    void aCustomerThatCannotBeReadIsNotAuditedAndTheOthersReconcile() throws Exception {
        FAKE.failAlways("GET", "/v1/customers/" + UNREADABLE_TENANT + "/subscriptions",
                SamplePartnerCenterFake.error(500, 500, "An internal error occurred. Please try again later."));
        ctLicenseImporter.importFile(SampleData.CT_LICENSES);

        JobExecution sync = sync();

        assertThat(sync.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<Map<String, String>> ctRecords = CsvFiles.read(SampleData.CT_LICENSES);
        Set<String> unreadableCt = ctRecords.stream().filter(r -> r.get("customer_tenant_id").equals(UNREADABLE_TENANT))
                .map(r -> r.get("ct_license_id")).collect(Collectors.toSet());
        Map<String, String> tenantOfCt = ctRecords.stream()
                .collect(Collectors.toMap(r -> r.get("ct_license_id"), r -> r.get("customer_tenant_id")));
        SamplePartnerCenter sample = FAKE.sample();
        // The file's reconciliation without the tenant's rows, plus each of its CT records NOT_AUDITED
        Set<String> expected = new HashSet<>();
        for (Map<String, String> row : CsvFiles.read(SampleData.EXPECTED_RECON)) {
            String tenant = row.get("ct_license_id").isEmpty() ? sample.tenantOf(row.get("subscription_id"))
                    : tenantOfCt.get(row.get("ct_license_id"));
            if (!UNREADABLE_TENANT.equals(tenant)) {
                expected.add(String.join(",", row.get("subscription_id"), row.get("ct_license_id"), row.get("result"),
                        row.get("quantity_delta"), row.get("monthly_amount_delta")));
            }
        }
        for (Map<String, String> ct : ctRecords) {
            if (unreadableCt.contains(ct.get("ct_license_id"))) {
                expected.add(String.join(",", ct.get("subscription_id"), ct.get("ct_license_id"), "NOT_AUDITED", "", ""));
            }
        }
        assertThat(unreadableCt).hasSizeGreaterThan(3);
        assertThat(CsvFiles.reconKeys(report("reconciliation"))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(CsvFiles.read(report("reconciliation")))
                .filteredOn(r -> r.get("customer_tenant_id").equals(UNREADABLE_TENANT))
                .extracting(r -> r.get("result")).containsOnly("NOT_AUDITED").hasSize(unreadableCt.size());
        List<Map<String, String>> summary = CsvFiles.read(report("reconciliation-summary"));
        assertThat(summaryMetrics()).containsEntry("customers_not_audited", "1")
                .containsEntry("provider_subscriptions", Integer.toString(394 - sample.tenant(UNREADABLE_TENANT).subscriptions().size()));
        assertThat(summary).filteredOn(r -> r.get("metric").equals("customer_not_audited"))
                .extracting(r -> r.get("code")).containsExactly(UNREADABLE_TENANT);
        // The customer was asked once and retried twice; every other customer was read once.
        assertThat(FAKE.events("GET", "/v1/customers/" + UNREADABLE_TENANT + "/subscriptions")).hasSize(3);
    }

    @Test
    void whenNoCustomerCanBeReadTheRunFailsAndPublishesNoReconciliation() throws Exception {
        FAKE.failAlways("GET", "/v1/customers/[^/]+/subscriptions",
                SamplePartnerCenterFake.error(500, 500, "An internal error occurred. Please try again later."));
        ctLicenseImporter.importFile(SampleData.CT_LICENSES);

        JobExecution sync = syncLauncher.launch(new SyncJobParameters(T, 0, null, reports), false);

        assertThat(sync.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(sync.getAllFailureExceptions()).flatExtracting(PartnerCenterEndToEndTest::messages)
                .anyMatch(m -> m.contains("none of the 106 Partner Center customers could be read"));
        assertThat(Files.exists(report("reconciliation"))).isFalse();
        assertThat(Files.exists(report("reconciliation-summary"))).isFalse();
        try (Stream<Path> files = Files.list(reports)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("reconciliation"));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private JobExecution sync() throws Exception {
        long started = System.nanoTime();
        JobExecution execution = syncLauncher.launch(new SyncJobParameters(T, 0, null, reports), false);
        assertThat(execution.getStatus()).as("sync through Partner Center (%d ms): %s",
                (System.nanoTime() - started) / 1_000_000, execution.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        return execution;
    }

    private Path report(String kind) {
        return reports.resolve(kind + "-" + DATE + ".csv");
    }

    private Map<String, String> summaryMetrics() {
        Map<String, String> metrics = new LinkedHashMap<>();
        for (Map<String, String> row : CsvFiles.read(report("reconciliation-summary"))) {
            if (row.get("code").isEmpty() && row.get("currency").isEmpty()) {
                metrics.put(row.get("metric"), row.get("value"));
            }
        }
        return metrics;
    }

    private static Map<String, Map<String, String>> byKey(List<Map<String, String>> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.get("request_key"), r -> r, (a, b) -> a, LinkedHashMap::new));
    }

    private static Map<String, String> outcomes(Map<String, StoredRequest> stored) {
        Map<String, String> outcomes = new HashMap<>();
        stored.forEach((key, r) -> outcomes.put(key, String.join(",", r.status().name(),
                r.reasonCode() == null ? "" : r.reasonCode(), r.quantityAfter() == null ? "" : r.quantityAfter().toString(),
                r.eligibleFrom() == null ? "" : r.eligibleFrom().toString())));
        return outcomes;
    }

    /** The quantities each subscription was set to by the applied requests, in the order they were decided. */
    private static Map<String, List<Integer>> appliedQuantitiesBySubscription(Map<String, StoredRequest> stored) {
        Map<String, List<Integer>> bySubscription = new HashMap<>();
        stored.values().stream().filter(r -> r.status().name().equals("APPLIED"))
                .sorted(Comparator.comparing(StoredRequest::requestedAt).thenComparing(StoredRequest::requestId))
                .forEach(r -> bySubscription.computeIfAbsent(r.subscriptionId().toString(), s -> new ArrayList<>())
                        .add(r.quantityAfter()));
        return bySubscription;
    }

    /** The messages of a failure and its causes. */
    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null && messages.size() < 20; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }

    /** Milliseconds between the first and the second of the requests. */
    private static long gapMillis(List<ServeEvent> events) {
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        return events.get(1).getRequest().getLoggedDate().getTime() - events.get(0).getRequest().getLoggedDate().getTime();
    }

    /** Milliseconds between the request on the path answered {@code status} and the next request on the path. */
    private static long gapAfterStatus(String path, int status) {
        List<ServeEvent> onPath = FAKE.events().stream()
                .filter(e -> java.net.URI.create(e.getRequest().getUrl()).getPath().equals(path)).toList();
        for (int i = 0; i < onPath.size() - 1; i++) {
            if (onPath.get(i).getResponse().getStatus() == status) {
                return onPath.get(i + 1).getRequest().getLoggedDate().getTime()
                        - onPath.get(i).getRequest().getLoggedDate().getTime();
            }
        }
        throw new AssertionError("no request on " + path + " was answered " + status + " and followed by another");
    }
}
