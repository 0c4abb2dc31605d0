package com.licenserecon.provider.partnercenter;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.licenserecon.provider.partnercenter.MicrosoftFake.jsonResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenserecon.provider.ProviderRow;
import com.licenserecon.provider.ProviderSubscription;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

class PartnerCenterSnapshotReaderTest {

    private static final String CONTOSO = "0a0f6a52-8ba1-4d5c-b1a4-4c2b7b3c1a01";
    private static final String FABRIKAM = "0a0f6a52-8ba1-4d5c-b1a4-4c2b7b3c1a02";
    private static final String NORTHWIND = "0a0f6a52-8ba1-4d5c-b1a4-4c2b7b3c1a03";
    private static final String ADATUM = "0a0f6a52-8ba1-4d5c-b1a4-4c2b7b3c1a04";
    private static final String WOODGROVE = "0a0f6a52-8ba1-4d5c-b1a4-4c2b7b3c1a05";

    private final MicrosoftFake fake = new MicrosoftFake();
    private final RecordingProblems problems = new RecordingProblems();
    private final PartnerCenterSubscriptions mapping = new PartnerCenterSubscriptions(
            SkuMap.load(Path.of("config", "sku-map.csv")));

    @BeforeEach
    void token() {
        fake.stubToken(MicrosoftFake.PARTNER_TENANT, "pc-token", 3599);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void oneFailingCustomerDoesNotStopTheOthers() throws Exception {
        stubCustomerPages();
        stubSubscriptions(CONTOSO, "subscriptions-contoso.json");
        fake.server.stubFor(get(urlPathEqualTo("/v1/customers/" + FABRIKAM + "/subscriptions"))
                .willReturn(jsonResource(500, "error-500.json")));
        stubSubscriptions(NORTHWIND, "subscriptions-northwind.json");
        stubSubscriptions(ADATUM, "subscriptions-unmappable.json");
        stubSubscriptions(WOODGROVE, "subscriptions-empty.json");
        PartnerCenterSnapshotReader reader = new PartnerCenterSnapshotReader(
                fake.client(fake.properties(Duration.ofSeconds(2), 1, false)), mapping, problems);

        List<ProviderRow> rows = readAll(reader);

        assertThat(rows).extracting(ProviderRow::lineNumber).containsExactly(1L, 2L, 3L, 4L);
        assertThat(rows).allMatch(r -> r instanceof ProviderRow.Accepted);
        List<ProviderSubscription> subscriptions = rows.stream()
                .map(r -> ((ProviderRow.Accepted) r).subscription()).toList();
        assertThat(subscriptions).extracting(s -> s.customerTenantId().toString())
                .containsExactly(CONTOSO, CONTOSO, CONTOSO, NORTHWIND);
        assertThat(subscriptions).extracting(ProviderSubscription::skuPartNumber).containsExactly("SPE_E3",
                "UNMAPPED:91FD106F-4B2C-4938-95AC-F54F74E9A239", "UNMAPPED:CFQ7TTC0LHXM:0002:CFQ7TTC0KX8M",
                "O365_BUSINESS_ESSENTIALS");
        assertThat(subscriptions.get(3).customerName()).isEqualTo("Northwind Traders");

        assertThat(reader.customersRead()).isEqualTo(3);
        assertThat(reader.customersFailed()).isEqualTo(2);
        assertThat(reader.subscriptionsRead()).isEqualTo(4);
        assertThat(reader.mappingGaps()).isEqualTo(2);
        assertThat(problems.unread).hasSize(2);
        assertThat(problems.unread.get(0)).startsWith(FABRIKAM + " Fabrikam Inc: GET /v1/customers/" + FABRIKAM
                + "/subscriptions failed with HTTP 500, error 500");
        assertThat(problems.unread.get(1)).startsWith(ADATUM + " Adatum Corporation: subscription "
                + "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d: status 'none'");
        assertThat(problems.gaps).containsExactly(
                CONTOSO + " 5f2b6c1e-3d4a-4f8e-9b7c-2a1d0e9f8c71 91FD106F-4B2C-4938-95AC-F54F74E9A239",
                CONTOSO + " c7d8e9f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f CFQ7TTC0LHXM:0002:CFQ7TTC0KX8M");
        fake.server.verify(2, getRequestedFor(urlPathEqualTo("/v1/customers/" + FABRIKAM + "/subscriptions")));
    }

    @Test
    void whenEveryCustomerFailsTheReadFails() throws Exception {
        fake.server.stubFor(get(urlEqualTo("/v1/customers?size=2"))
                .willReturn(jsonResource(200, "customers-single-page.json")));
        fake.server.stubFor(get(urlPathMatching("/v1/customers/[^/]+/subscriptions"))
                .willReturn(jsonResource(503, "error-500.json")));
        PartnerCenterSnapshotReader reader = new PartnerCenterSnapshotReader(
                fake.client(fake.properties(Duration.ofSeconds(2), 1, false)), mapping, problems);
        reader.open(new ExecutionContext());

        assertThatThrownBy(reader::read).isInstanceOf(NoCustomerReadException.class)
                .hasMessage("none of the 3 Partner Center customers could be read; the run publishes nothing");
        assertThat(problems.unread).hasSize(3);
        assertThatThrownBy(reader::read).isInstanceOf(NoCustomerReadException.class);
        reader.close();
    }

    @Test
    void noCustomersAtAllIsAnEmptySnapshot() throws Exception {
        fake.server.stubFor(get(urlEqualTo("/v1/customers?size=2")).willReturn(MicrosoftFake.json(200,
                "{\"totalCount\":0,\"items\":[],\"links\":{},\"attributes\":{\"objectType\":\"Collection\"}}")));
        PartnerCenterSnapshotReader reader = new PartnerCenterSnapshotReader(fake.client(fake.properties()), mapping,
                problems);

        assertThat(readAll(reader)).isEmpty();
        assertThat(reader.customersFailed()).isZero();
    }

    @Test
    void aFailingCustomerListFailsTheRead() {
        fake.server.stubFor(get(urlEqualTo("/v1/customers?size=2")).willReturn(jsonResource(500, "error-500.json")));
        PartnerCenterSnapshotReader reader = new PartnerCenterSnapshotReader(
                fake.client(fake.properties(Duration.ofSeconds(2), 1, false)), mapping, problems);
        reader.open(new ExecutionContext());

        assertThatThrownBy(reader::read).isInstanceOf(PartnerCenterException.class).hasMessageContaining("HTTP 500");
        assertThat(problems.unread).isEmpty();
    }

    @Test
    void assignedSeatsComeFromGraphAndAGraphFailureLeavesThemUnknown() throws Exception {
        fake.server.stubFor(get(urlEqualTo("/v1/customers?size=2"))
                .willReturn(jsonResource(200, "customers-single-page.json")));
        stubSubscriptions(CONTOSO, "subscriptions-contoso.json");
        stubSubscriptions(FABRIKAM, "subscriptions-empty.json");
        stubSubscriptions(NORTHWIND, "subscriptions-northwind.json");
        for (String tenant : List.of(CONTOSO, FABRIKAM, NORTHWIND)) {
            fake.stubToken(tenant, "graph-" + tenant, 3599);
        }
        fake.server.stubFor(get(urlPathEqualTo("/v1.0/subscribedSkus"))
                .withHeader("Authorization", equalTo("Bearer graph-" + CONTOSO))
                .willReturn(jsonResource(200, "subscribed-skus.json")));
        fake.server.stubFor(get(urlPathEqualTo("/v1.0/subscribedSkus"))
                .withHeader("Authorization", equalTo("Bearer graph-" + FABRIKAM))
                .willReturn(MicrosoftFake.json(200, "{\"value\":[]}")));
        fake.server.stubFor(get(urlPathEqualTo("/v1.0/subscribedSkus"))
                .withHeader("Authorization", equalTo("Bearer graph-" + NORTHWIND))
                .willReturn(jsonResource(403, "graph-error-403.json")));
        PartnerCenterSnapshotReader reader = new PartnerCenterSnapshotReader(
                fake.client(fake.properties(Duration.ofSeconds(2), 1, true)), mapping, problems);

        List<ProviderSubscription> subscriptions = readAll(reader).stream()
                .map(r -> ((ProviderRow.Accepted) r).subscription()).toList();

        assertThat(subscriptions).extracting(ProviderSubscription::skuPartNumber, ProviderSubscription::assigned)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SPE_E3", 14),
                        org.assertj.core.groups.Tuple.tuple("UNMAPPED:91FD106F-4B2C-4938-95AC-F54F74E9A239", null),
                        org.assertj.core.groups.Tuple.tuple("UNMAPPED:CFQ7TTC0LHXM:0002:CFQ7TTC0KX8M", null),
                        org.assertj.core.groups.Tuple.tuple("O365_BUSINESS_ESSENTIALS", null));
        assertThat(reader.customersRead()).isEqualTo(3);
        assertThat(problems.unread).isEmpty();
        assertThat(problems.assignedUnknown).containsExactly(NORTHWIND + " Northwind Traders: GET /v1.0/subscribedSkus "
                + "failed with HTTP 403, error Authorization_RequestDenied: Insufficient privileges to complete the operation.");
    }

    @Test
    void openingAgainReadsEverythingAgain() throws Exception {
        fake.server.stubFor(get(urlEqualTo("/v1/customers?size=2")).willReturn(jsonResource(200, "customers-page-3.json")));
        stubSubscriptions(WOODGROVE, "subscriptions-northwind.json");
        PartnerCenterSnapshotReader reader = new PartnerCenterSnapshotReader(fake.client(fake.properties()), mapping,
                problems);

        assertThat(readAll(reader)).extracting(ProviderRow::lineNumber).containsExactly(1L);
        assertThat(readAll(reader)).extracting(ProviderRow::lineNumber).containsExactly(1L);
        assertThat(reader.customersRead()).isEqualTo(1);
    }

    private static List<ProviderRow> readAll(PartnerCenterSnapshotReader reader) throws Exception {
        reader.open(new ExecutionContext());
        try {
            List<ProviderRow> rows = new ArrayList<>();
            ProviderRow row;
            while ((row = reader.read()) != null) {
                rows.add(row);
            }
            assertThat(reader.read()).isNull();
            return rows;
        } finally {
            reader.close();
        }
    }

    private void stubSubscriptions(String tenant, String resource) {
        fake.server.stubFor(get(urlPathEqualTo("/v1/customers/" + tenant + "/subscriptions"))
                .willReturn(jsonResource(200, resource)));
    }

    private void stubCustomerPages() {
        fake.server.stubFor(get(urlEqualTo("/v1/customers?size=2")).willReturn(jsonResource(200, "customers-page-1.json")));
        fake.server.stubFor(get(urlEqualTo("/v1/customers?size=2&seekOperation=Next"))
                .withHeader("MS-ContinuationToken", equalTo("AQAAAA==page2"))
                .willReturn(jsonResource(200, "customers-page-2.json")));
        fake.server.stubFor(get(urlEqualTo("/v1/customers?size=2&seekOperation=Next"))
                .withHeader("MS-ContinuationToken", equalTo("AQAAAA==page3"))
                .willReturn(jsonResource(200, "customers-page-3.json")));
    }

    private static final class RecordingProblems implements SnapshotProblems {

        final List<String> unread = new ArrayList<>();
        final List<String> gaps = new ArrayList<>();
        final List<String> assignedUnknown = new ArrayList<>();

        @Override
        public void customerUnread(UUID tenantId, String customerName, String reason) {
            unread.add(tenantId + " " + customerName + ": " + reason);
        }

        @Override
        public void mappingGap(UUID tenantId, UUID subscriptionId, String offerId, String reason) {
            gaps.add(tenantId + " " + subscriptionId + " " + offerId);
        }

        @Override
        public void assignedUnknown(UUID tenantId, String customerName, String reason) {
            assignedUnknown.add(tenantId + " " + customerName + ": " + reason);
        }
    }
}
