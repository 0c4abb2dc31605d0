package com.licenserecon.provider.partnercenter;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.licenserecon.provider.partnercenter.MicrosoftFake.jsonResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.licenserecon.provider.partnercenter.PartnerCenterJson.Customer;
import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PartnerCenterClientTest {

    private static final String CUSTOMER = "0a0f6a52-8ba1-4d5c-b1a4-4c2b7b3c1a01";
    private static final String SUBSCRIPTIONS = "/v1/customers/" + CUSTOMER + "/subscriptions";
    private static final String SUBSCRIPTION = SUBSCRIPTIONS + "/a4c1340d-6911-4758-bba3-0c4c6007d161";

    private final MicrosoftFake fake = new MicrosoftFake();

    @BeforeEach
    void token() {
        fake.stubToken(MicrosoftFake.PARTNER_TENANT, "pc-token", 3599);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void customersAreReadPageByPageFollowingTheContinuationToken() {
        stubCustomerPages();
        PartnerCenterClient client = fake.client(fake.properties());

        Iterator<Customer> customers = client.customers().iterator();
        customers.next();
        customers.next();
        // Lazy: the second page is asked only when the first is used up.
        fake.server.verify(1, getRequestedFor(urlPathEqualTo("/v1/customers")));
        List<String> rest = new java.util.ArrayList<>();
        customers.forEachRemaining(c -> rest.add(c.companyName()));

        assertThat(rest).containsExactly("Northwind Traders", "Adatum Corporation", "Woodgrove Bank");
        assertThat(client.customers().map(Customer::tenantId).toList()).containsExactly(
                "0a0f6a52-8ba1-4d5c-b1a4-4c2b7b3c1a01", "0a0f6a52-8ba1-4d5c-b1a4-4c2b7b3c1a02",
                "0a0f6a52-8ba1-4d5c-b1a4-4c2b7b3c1a03", "0a0f6a52-8ba1-4d5c-b1a4-4c2b7b3c1a04",
                "0a0f6a52-8ba1-4d5c-b1a4-4c2b7b3c1a05");
        fake.server.verify(getRequestedFor(urlEqualTo("/v1/customers?size=2"))
                .withHeader("MS-ContinuationToken", absent())
                .withHeader("Authorization", equalTo("Bearer pc-token"))
                .withHeader("Accept", equalTo("application/json")));
        fake.server.verify(2, getRequestedFor(urlEqualTo("/v1/customers?size=2&seekOperation=Next"))
                .withHeader("MS-ContinuationToken", equalTo("AQAAAA==page2")));
        fake.server.verify(2, getRequestedFor(urlEqualTo("/v1/customers?size=2&seekOperation=Next"))
                .withHeader("MS-ContinuationToken", equalTo("AQAAAA==page3")));
        fake.server.verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void a429WaitsForRetryAfterThenSucceeds() {
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTIONS)).inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("free")
                .willReturn(jsonResource(429, "error-429.json").withHeader("Retry-After", "7")));
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTIONS)).inScenario("throttle").whenScenarioStateIs("free")
                .willReturn(jsonResource(200, "subscriptions-contoso.json")));
        PartnerCenterClient client = fake.client(fake.properties());

        assertThat(client.subscriptions(CUSTOMER)).hasSize(3);

        assertThat(fake.sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(client.stats().throttled()).isEqualTo(1);
        fake.server.verify(2, getRequestedFor(urlPathEqualTo(SUBSCRIPTIONS)));
    }

    @Test
    void a409AndServerErrorsAreRetriedWithExponentialBackOff() {
        String[] states = {Scenario.STARTED, "500", "503", "ok"};
        String[] bodies = {"error-409.json", "error-500.json", "error-500.json"};
        int[] statuses = {409, 500, 503};
        for (int i = 0; i < 3; i++) {
            fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTIONS)).inScenario("flaky").whenScenarioStateIs(states[i])
                    .willSetStateTo(states[i + 1]).willReturn(jsonResource(statuses[i], bodies[i])));
        }
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTIONS)).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(jsonResource(200, "subscriptions-contoso.json")));
        PartnerCenterClient client = fake.client(fake.properties());

        assertThat(client.subscriptions(CUSTOMER)).hasSize(3);

        assertThat(fake.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(client.stats().retries()).isEqualTo(3);
        fake.server.verify(4, getRequestedFor(urlPathEqualTo(SUBSCRIPTIONS)));
    }

    @Test
    void exhaustedRetriesGiveMicrosoftsErrorCode() {
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTIONS)).willReturn(jsonResource(409, "error-409.json")));
        PartnerCenterClient client = fake.client(fake.properties());

        assertThatThrownBy(() -> client.subscriptions(CUSTOMER))
                .isInstanceOfSatisfying(PartnerCenterException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo("800002");
                    assertThat(e.description()).contains("renewal of this subscription is in progress");
                    assertThat(e.attempts()).isEqualTo(5);
                    assertThat(e.transientFailure()).isTrue();
                    assertThat(e.getMessage()).contains("GET " + SUBSCRIPTIONS, "HTTP 409", "error 800002");
                });
        assertThat(fake.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8));
        fake.server.verify(5, getRequestedFor(urlPathEqualTo(SUBSCRIPTIONS)));
    }

    @Test
    void anotherClientErrorIsNotRetried() throws Exception {
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTION)).willReturn(jsonResource(200, "subscription-nce.json")));
        fake.server.stubFor(patch(urlPathEqualTo(SUBSCRIPTION)).willReturn(jsonResource(400, "error-800090.json")));
        PartnerCenterClient client = fake.client(fake.properties());
        JsonNode subscription = client.subscription(CUSTOMER, "a4c1340d-6911-4758-bba3-0c4c6007d161");

        assertThatThrownBy(() -> client.patch(CUSTOMER, subscription, 20))
                .isInstanceOfSatisfying(PartnerCenterException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errorCode()).isEqualTo("800090");
                    assertThat(e.transientFailure()).isFalse();
                    assertThat(e.attempts()).isEqualTo(1);
                });
        assertThat(fake.sleeps).isEmpty();
        fake.server.verify(1, patchRequestedFor(urlPathEqualTo(SUBSCRIPTION)));
    }

    @Test
    void aSlowResponseBeyondTheReadTimeoutIsRetried() {
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTIONS)).inScenario("slow")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("fast")
                .willReturn(jsonResource(200, "subscriptions-contoso.json").withFixedDelay(1500)));
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTIONS)).inScenario("slow").whenScenarioStateIs("fast")
                .willReturn(jsonResource(200, "subscriptions-northwind.json")));
        PartnerCenterClient client = fake.client(fake.properties(Duration.ofMillis(300), 4, false));

        long started = System.nanoTime();
        assertThat(client.subscriptions(CUSTOMER)).hasSize(1);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1400));
        assertThat(client.stats().timeouts()).isEqualTo(1);
        assertThat(fake.sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void responsesThatStaySlowEndAsATimeOut() {
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTIONS))
                .willReturn(jsonResource(200, "subscriptions-contoso.json").withFixedDelay(1000)));
        PartnerCenterClient client = fake.client(fake.properties(Duration.ofMillis(200), 1, false));

        assertThatThrownBy(() -> client.subscriptions(CUSTOMER))
                .isInstanceOfSatisfying(PartnerCenterException.class, e -> {
                    assertThat(e.timedOut()).isTrue();
                    assertThat(e.status()).isZero();
                    assertThat(e.attempts()).isEqualTo(2);
                });
    }

    @Test
    void patchSendsTheWholeResourceWithTheNewQuantityAndGivesTheLocationToPoll() {
        String operation = SUBSCRIPTION + "/operations/7c1e9b2a";
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTION)).willReturn(jsonResource(200, "subscription-nce.json")));
        fake.server.stubFor(patch(urlPathEqualTo(SUBSCRIPTION)).willReturn(MicrosoftFake.json(202, "")
                .withHeader("Location", operation).withHeader("Retry-After", "5")));
        fake.server.stubFor(get(urlPathEqualTo(operation)).willReturn(jsonResource(200, "subscription-nce.json")));
        PartnerCenterClient client = fake.client(fake.properties());
        UUID requestId = UUID.fromString("5e0c5b0e-8f7a-4c1d-9e2b-3a4f5c6d7e8f");

        JsonNode subscription = client.subscription(CUSTOMER, "a4c1340d-6911-4758-bba3-0c4c6007d161");
        PartnerCenterResponse accepted = client.patch(CUSTOMER, subscription, 20, requestId);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.accepted()).isTrue();
        assertThat(accepted.location()).isEqualTo(URI.create(fake.base() + operation));
        assertThat(accepted.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        String expected = MicrosoftFake.resource("subscription-nce.json").replace("\"quantity\": 25,", "\"quantity\": 20,");
        fake.server.verify(1, patchRequestedFor(urlPathEqualTo(SUBSCRIPTION))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("MS-RequestId", equalTo(requestId.toString()))
                .withRequestBody(equalToJson(expected)));
        assertThat(subscription.path("quantity").asInt()).as("the caller's tree is not changed").isEqualTo(25);

        PartnerCenterResponse done = client.get(accepted.location());
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().path("id").asString()).isEqualTo("a4c1340d-6911-4758-bba3-0c4c6007d161");
    }

    @Test
    void consumedUnitsComeFromGraphWithATokenOfTheCustomersTenant() {
        fake.stubToken(CUSTOMER, "graph-token", 3599);
        fake.server.stubFor(get(urlPathEqualTo("/v1.0/subscribedSkus"))
                .withHeader("Authorization", equalTo("Bearer graph-token"))
                .willReturn(jsonResource(200, "subscribed-skus.json")));
        PartnerCenterClient client = fake.client(fake.properties(Duration.ofSeconds(2), 4, true));

        Map<String, Integer> consumed = client.consumedUnits(CUSTOMER);

        assertThat(consumed).containsExactly(Map.entry("SPE_E3", 14), Map.entry("ENTERPRISEPACK", 31));
        assertThat(client.subscribedSkus(CUSTOMER)).extracting(PartnerCenterJson.SubscribedSku::skuId)
                .containsExactly("05e9a617-0261-4cee-bb44-138d3ef5d965", "6fd2c87f-b296-42f0-b197-1e91e994b900");
        fake.server.verify(1, postRequestedFor(urlPathEqualTo("/" + CUSTOMER + "/oauth2/v2.0/token"))
                .withFormParam("scope", equalTo(MicrosoftFake.GRAPH_SCOPE)));
    }

    @Test
    void withoutGraphNoAssignedSeatsAreAsked() {
        PartnerCenterClient client = fake.client(fake.properties());

        assertThat(client.consumedUnits(CUSTOMER)).isEmpty();
        assertThat(fake.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowed() {
        String page = MicrosoftFake.resource("customers-page-1.json")
                .replace("\"/customers?size=2&seekOperation=Next\"", "\"https://elsewhere.example.com/v1/customers\"");
        fake.server.stubFor(get(urlEqualTo("/v1/customers?size=2")).willReturn(MicrosoftFake.json(200, page)));
        PartnerCenterClient client = fake.client(fake.properties());

        assertThatThrownBy(() -> client.customers().toList()).isInstanceOf(PartnerCenterException.class)
                .hasMessageContaining("another host");
    }

    @Test
    void microsoftsErrorBodiesAreRead() {
        assertThat(PartnerCenterHttp.errorOf(stream(MicrosoftFake.resource("error-800090.json"))))
                .containsExactly("800090", JsonMapper.shared().readTree(MicrosoftFake.resource("error-800090.json"))
                        .path("description").asString());
        assertThat(PartnerCenterHttp.errorOf(stream(MicrosoftFake.resource("graph-error-403.json"))))
                .containsExactly("Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
        assertThat(PartnerCenterHttp.errorOf(stream("<html><body>Bad gateway</body></html>")))
                .containsExactly(null, "<html><body>Bad gateway</body></html>");
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

    private static java.io.InputStream stream(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
