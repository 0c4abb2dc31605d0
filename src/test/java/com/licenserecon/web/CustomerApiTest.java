package com.licenserecon.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.support.CsvFiles;
import com.licenserecon.support.SampleData;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * /api/customers/{tenant}/licenses: CT records beside the provider's data. Every role may read it, so there
 * is no 403 to test: each of OPS, FINANCE and ADMIN gets the page.
 */
class CustomerApiTest extends WebApiTest {

    /** Four linked CT records, one subscription billed by none (daca3c06, MISSING_IN_CT). */
    private static final String TENANT = "b8a1abcd-1a69-46c7-8da4-f9fc3c6da5d7";
    /** An unlinked CT record (500064 for 50122a13) and a LEGACY subscription (500070). */
    private static final String UNLINKED_TENANT = "4796a2f1-4188-415e-b5cd-654d9ebfefa0";

    private MvcTestResult licenses(String tenant, String user) {
        return mvc.get().uri("/api/customers/" + tenant + "/licenses?asOf=" + T).with(as(user)).exchange();
    }

    @Test
    void eachCtRecordStandsBesideItsProviderSubscriptionWithTheDecreaseWindow() throws Exception {
        assertRefused(() -> mvc.get().uri("/api/customers/" + TENANT + "/licenses"));
        givenTheSampleNight();

        MvcTestResult page = licenses(TENANT, FINANCE);
        for (String user : List.of(OPS, ADMIN)) {
            assertThat(licenses(TENANT, user)).as(user).hasStatusOk().hasBodyTextEqualTo(body(page));
        }

        assertThat(page).hasStatusOk();
        assertThat(page).bodyJson().isLenientlyEqualTo("""
                {"customerTenantId": "%s", "customerName": "Customer 0000000 Ltd", "asOf": "2026-11-26T02:00:00Z",
                 "licenses": [
                  {"ctLicenseId": "500004", "subscriptionId": "d9196ada-4fcf-4583-a1df-8af9b474c7e8",
                   "displayName": "Microsoft 365 E5", "ctLicenses": 214, "renewalDate": "2027-04-29", "status": "Active",
                   "autoRenew": true, "billed": true, "match": "LINKED",
                   "provider": {"quantity": 217, "assigned": 110, "status": "active", "commitment": "NCE",
                                "autoRenew": true, "termEnd": "2027-04-28", "renewalDate": "2027-04-29"},
                   "decreaseWindow": {"state": "OPENS", "opens": "2027-04-29T00:00:00Z", "closes": "2027-05-06T00:00:00Z",
                                      "refundableNow": null}},
                  {"ctLicenseId": "500005", "match": "LINKED", "provider": {"quantity": 212}},
                  {"ctLicenseId": "500002", "subscriptionId": "c3e1b258-fd72-4452-8cea-71ff4a14876a",
                   "displayName": "Microsoft 365 F3", "ctLicenses": 89, "autoRenew": false, "match": "LINKED",
                   "provider": {"quantity": 89, "assigned": 33, "autoRenew": false},
                   "decreaseWindow": {"state": "NONE", "opens": null, "closes": null}},
                  {"ctLicenseId": "500007", "match": "LINKED"},
                  {"ctLicenseId": null, "subscriptionId": "daca3c06-f5ff-4c03-bb5d-7385de08caa1",
                   "displayName": "Microsoft 365 Business Standard", "ctLicenses": null, "renewalDate": null,
                   "status": null, "autoRenew": null, "billed": false, "match": "NOT_BILLED",
                   "provider": {"quantity": 191, "assigned": 129, "status": "active", "commitment": "NCE"},
                   "decreaseWindow": {"state": "OPEN", "opens": "2026-11-21T07:00:00Z", "closes": "2026-11-28T07:00:00Z",
                                      "refundableNow": 18}}
                 ]}""".formatted(TENANT));
        // CT records by display name, then the subscriptions no record bills.
        assertThat(page).bodyJson().extractingPath("$.licenses[*].ctLicenseId").asArray()
                .containsExactly("500004", "500005", "500002", "500007", null);
        assertThat(page).bodyJson().extractingPath("$.licenses[2].decreaseWindow.summary").asString()
                .contains("Auto-renew is off");
    }

    @Test
    void everyTenantShowsOneLinePerReportRowOfTheSampleNightAndUnlinkedRecordsAreMatched() throws Exception {
        givenTheSampleNight();
        // The reconciliation shows every CT record and every provider subscription once: so does the page.
        Map<String, String> tenantOfSubscription = new java.util.HashMap<>();
        CsvFiles.read(SampleData.PROVIDER_LICENSES)
                .forEach(r -> tenantOfSubscription.put(r.get("subscription_id"), r.get("customer_tenant_id")));
        Map<String, String> tenantOfRecord = new java.util.HashMap<>();
        CsvFiles.read(SampleData.CT_LICENSES).forEach(r -> tenantOfRecord.put(r.get("ct_license_id"), r.get("customer_tenant_id")));
        Map<String, Long> expectedLines = CsvFiles.read(SampleData.EXPECTED_RECON).stream()
                .collect(java.util.stream.Collectors.groupingBy(r -> r.get("ct_license_id").isEmpty()
                        ? tenantOfSubscription.get(r.get("subscription_id"))
                        : tenantOfRecord.get(r.get("ct_license_id")), java.util.stream.Collectors.counting()));

        for (String tenant : List.of(TENANT, UNLINKED_TENANT, "0204e24b-3dd5-4b57-9f1d-04838fe8592c",
                "272515cd-f74c-4816-9259-5daf49fbac36")) {
            MvcTestResult page = licenses(tenant, OPS);
            assertThat(page).as(tenant).hasStatusOk();
            assertThat(page).bodyJson().extractingPath("$.licenses").asArray().as(tenant)
                    .hasSize(expectedLines.get(tenant).intValue());
        }

        // An unlinked CT record is matched as the reconciliation matches it.
        MvcTestResult page = licenses(UNLINKED_TENANT, OPS);

        assertThat(page).hasStatusOk();
        List<Map<String, Object>> lines = json(page, "$.licenses");
        Map<String, Object> unlinked = lines.stream().filter(l -> "500064".equals(l.get("ctLicenseId"))).findFirst()
                .orElseThrow();
        assertThat(unlinked).containsEntry("match", "UNLINKED")
                .containsEntry("subscriptionId", "50122a13-c21e-4fa6-9ce8-815c21e51108");
        assertThat(unlinked.get("provider")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("quantity", 48);
        Map<String, Object> legacy = lines.stream().filter(l -> "500070".equals(l.get("ctLicenseId"))).findFirst()
                .orElseThrow();
        assertThat(legacy.get("decreaseWindow")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("state", "ANY_TIME");
    }

    @Test
    void anUnknownTenantIsA404AndAMalformedOneA400() {
        assertProblem(licenses(UUID.randomUUID().toString(), OPS), 404);
        assertProblem(mvc.get().uri("/api/customers/acme/licenses").with(as(OPS)).exchange(), 400);
    }

    @Test
    void beforeAnyProviderDataTheCtRecordsAreShownAlone() {
        ctLicenseImporter.importFile(SampleData.CT_LICENSES);

        MvcTestResult page = licenses(TENANT, OPS);

        assertThat(page).hasStatusOk();
        assertThat(page).bodyJson().extractingPath("$.snapshotId").isNull();
        assertThat(page).bodyJson().extractingPath("$.licenses[*].match").asArray()
                .containsOnly("NO_PROVIDER_SUBSCRIPTION").hasSize(4);
    }
}
