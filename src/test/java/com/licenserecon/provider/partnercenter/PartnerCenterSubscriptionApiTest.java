package com.licenserecon.provider.partnercenter;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.licenserecon.provider.partnercenter.MicrosoftFake.jsonResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PartnerCenterSubscriptionApiTest {

    private static final String CUSTOMER = "0a0f6a52-8ba1-4d5c-b1a4-4c2b7b3c1a01";
    private static final String SUBSCRIPTION_ID = "a4c1340d-6911-4758-bba3-0c4c6007d161";
    private static final String SUBSCRIPTION = "/v1/customers/" + CUSTOMER + "/subscriptions/" + SUBSCRIPTION_ID;

    private final MicrosoftFake fake = new MicrosoftFake();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void everyAnswerIsReturnedAsItIsWithoutRetries() throws Exception {
        fake.stubToken(MicrosoftFake.PARTNER_TENANT, "pc-token", 3599);
        String resource = MicrosoftFake.resource("subscription-nce.json");
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTION)).willReturn(MicrosoftFake.json(200, resource)));
        fake.server.stubFor(patch(urlPathEqualTo(SUBSCRIPTION)).inScenario("patch")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("500")
                .willReturn(jsonResource(400, "error-800090.json")));
        fake.server.stubFor(patch(urlPathEqualTo(SUBSCRIPTION)).inScenario("patch").whenScenarioStateIs("500")
                .willSetStateTo("202").willReturn(jsonResource(500, "error-500.json")));
        fake.server.stubFor(patch(urlPathEqualTo(SUBSCRIPTION)).inScenario("patch").whenScenarioStateIs("202")
                .willReturn(MicrosoftFake.json(202, "").withHeader("Location", SUBSCRIPTION + "/operations/42")));
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTION + "/operations/42"))
                .willReturn(MicrosoftFake.json(200, "{\"status\":\"succeeded\"}")));
        SubscriptionApi api = fake.client(fake.properties()).subscriptionApi();

        PartnerCenterReply read = api.get(CUSTOMER, SUBSCRIPTION_ID);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(resource);
        assertThat(read.header("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));

        String changed = resource.replace("\"quantity\": 25,", "\"quantity\": 20,");
        PartnerCenterReply refused = api.patch(CUSTOMER, SUBSCRIPTION_ID, changed);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("800090");
        assertThat(api.patch(CUSTOMER, SUBSCRIPTION_ID, changed).status()).isEqualTo(500);
        PartnerCenterReply accepted = api.patch(CUSTOMER, SUBSCRIPTION_ID, changed);
        assertThat(accepted.status()).isEqualTo(202);
        PartnerCenterReply done = api.get(URI.create(accepted.header("Location").orElseThrow()));
        assertThat(done.status()).isEqualTo(200);

        fake.server.verify(3, patchRequestedFor(urlPathEqualTo(SUBSCRIPTION))
                .withHeader("Authorization", equalTo("Bearer pc-token"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(changed)));
        assertThat(fake.sleeps).isEmpty();
    }

    @Test
    void aRefusedTokenIsReplacedOnce() throws Exception {
        fake.server.stubFor(post(urlPathEqualTo("/" + MicrosoftFake.PARTNER_TENANT + "/oauth2/v2.0/token"))
                .inScenario("tokens").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
                .willReturn(MicrosoftFake.token("old", 3599)));
        fake.server.stubFor(post(urlPathEqualTo("/" + MicrosoftFake.PARTNER_TENANT + "/oauth2/v2.0/token"))
                .inScenario("tokens").whenScenarioStateIs("second").willReturn(MicrosoftFake.token("new", 3599)));
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTION)).withHeader("Authorization", equalTo("Bearer old"))
                .willReturn(MicrosoftFake.json(401, "{\"code\":401,\"description\":\"expired\"}")));
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTION)).withHeader("Authorization", equalTo("Bearer new"))
                .willReturn(jsonResource(200, "subscription-nce.json")));

        assertThat(fake.client(fake.properties()).subscriptionApi().get(CUSTOMER, SUBSCRIPTION_ID).status())
                .isEqualTo(200);
        fake.server.verify(2, getRequestedFor(urlPathEqualTo(SUBSCRIPTION)));
    }

    @Test
    void noAnswerIsAnIOExceptionThatSaysWhetherTheCallWasSent() throws Exception {
        fake.stubToken(MicrosoftFake.PARTNER_TENANT, "pc-token", 3599);
        fake.server.stubFor(patch(urlPathEqualTo(SUBSCRIPTION))
                .willReturn(jsonResource(200, "subscription-nce.json").withFixedDelay(1000)));
        SubscriptionApi slow = fake.client(fake.properties(Duration.ofMillis(200), 4, false)).subscriptionApi();

        assertThatThrownBy(() -> slow.patch(CUSTOMER, SUBSCRIPTION_ID, "{}"))
                .isInstanceOf(HttpTimeoutException.class);
        fake.server.verify(1, patchRequestedFor(urlPathEqualTo(SUBSCRIPTION)));

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PartnerCenterProperties nowhere = new PartnerCenterProperties(fake.base() + "/{tenant}/oauth2/v2.0/token",
                MicrosoftFake.PARTNER_TENANT, MicrosoftFake.CLIENT_ID, MicrosoftFake.CLIENT_SECRET,
                "http://127.0.0.1:" + closedPort, null, null, null, null, null, Duration.ofSeconds(1),
                Duration.ofSeconds(1), null, null, null, null);
        assertThatThrownBy(() -> fake.client(nowhere).subscriptionApi().get(CUSTOMER, SUBSCRIPTION_ID))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void noTokenMeansNotSent() {
        fake.server.stubFor(post(urlPathEqualTo("/" + MicrosoftFake.PARTNER_TENANT + "/oauth2/v2.0/token"))
                .willReturn(jsonResource(401, "token-error-invalid-client.json")));
        SubscriptionApi api = fake.client(fake.properties()).subscriptionApi();

        assertThatThrownBy(() -> api.patch(CUSTOMER, SUBSCRIPTION_ID, "{}")).isInstanceOf(ConnectException.class)
                .isInstanceOf(IOException.class).hasMessageContaining("invalid_client")
                .hasMessageNotContaining(MicrosoftFake.CLIENT_SECRET);
        fake.server.verify(0, patchRequestedFor(urlPathEqualTo(SUBSCRIPTION)));
    }
}
