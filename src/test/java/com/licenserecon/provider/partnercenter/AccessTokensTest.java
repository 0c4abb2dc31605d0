package com.licenserecon.provider.partnercenter;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.licenserecon.provider.partnercenter.MicrosoftFake.jsonResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    private static final String CUSTOMER = "0a0f6a52-8ba1-4d5c-b1a4-4c2b7b3c1a01";
    private static final String SUBSCRIPTIONS = "/v1/customers/" + CUSTOMER + "/subscriptions";
    private static final String TOKEN_PATH = "/" + MicrosoftFake.PARTNER_TENANT + "/oauth2/v2.0/token";

    private final MicrosoftFake fake = new MicrosoftFake();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aTokenIsFetchedOnceWithClientCredentialsAndCached() {
        fake.stubToken(MicrosoftFake.PARTNER_TENANT, "token-one", 3599);
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTIONS)).withHeader("Authorization", equalTo("Bearer token-one"))
                .willReturn(jsonResource(200, "subscriptions-contoso.json")));
        PartnerCenterClient client = fake.client(fake.properties());

        assertThat(client.subscriptions(CUSTOMER)).hasSize(3);
        fake.clock.advance(Duration.ofMinutes(30));
        assertThat(client.subscriptions(CUSTOMER)).hasSize(3);

        fake.server.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("grant_type", equalTo("client_credentials"))
                .withFormParam("client_id", equalTo(MicrosoftFake.CLIENT_ID))
                .withFormParam("client_secret", equalTo(MicrosoftFake.CLIENT_SECRET))
                .withFormParam("scope", equalTo(MicrosoftFake.PC_SCOPE)));
        fake.server.verify(2, getRequestedFor(urlPathEqualTo(SUBSCRIPTIONS)));
        assertThat(client.tokenFetches()).isEqualTo(1);
    }

    @Test
    void aTokenIsRefreshedShortlyBeforeItExpires() {
        fake.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
                .willReturn(MicrosoftFake.token("token-one", 3600)));
        fake.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens")
                .whenScenarioStateIs("second").willReturn(MicrosoftFake.token("token-two", 3600)));
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTIONS)).withHeader("Authorization", equalTo("Bearer token-one"))
                .willReturn(jsonResource(200, "subscriptions-contoso.json")));
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTIONS)).withHeader("Authorization", equalTo("Bearer token-two"))
                .willReturn(jsonResource(200, "subscriptions-northwind.json")));
        PartnerCenterClient client = fake.client(fake.properties());

        assertThat(client.subscriptions(CUSTOMER)).hasSize(3);
        fake.clock.advance(Duration.ofMinutes(58)); // two minutes left: still used
        assertThat(client.subscriptions(CUSTOMER)).hasSize(3);
        fake.clock.advance(Duration.ofSeconds(90)); // 30 s left: too close to the end
        assertThat(client.subscriptions(CUSTOMER)).hasSize(1);

        fake.server.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        assertThat(client.stats().reauthentications()).isZero();
    }

    @Test
    void aTokenThatExpiresInTheMiddleOfARunIsReplacedAfterA401() {
        fake.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
                .willReturn(MicrosoftFake.token("token-one", 3599)));
        fake.server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens")
                .whenScenarioStateIs("second").willReturn(MicrosoftFake.token("token-two", 3599)));
        // Partner Center stops accepting the first token (revoked, or expired earlier than it said).
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTIONS)).withHeader("Authorization", equalTo("Bearer token-one"))
                .willReturn(MicrosoftFake.json(401, "{\"code\":401,\"description\":\"Token has expired\"}")));
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTIONS)).withHeader("Authorization", equalTo("Bearer token-two"))
                .willReturn(jsonResource(200, "subscriptions-contoso.json")));
        PartnerCenterClient client = fake.client(fake.properties());

        assertThat(client.subscriptions(CUSTOMER)).hasSize(3);
        assertThat(client.subscriptions(CUSTOMER)).hasSize(3);

        fake.server.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        fake.server.verify(1, getRequestedFor(urlPathEqualTo(SUBSCRIPTIONS))
                .withHeader("Authorization", equalTo("Bearer token-one")));
        fake.server.verify(2, getRequestedFor(urlPathEqualTo(SUBSCRIPTIONS))
                .withHeader("Authorization", equalTo("Bearer token-two")));
        assertThat(client.stats().reauthentications()).isEqualTo(1);
        assertThat(fake.sleeps).isEmpty();
    }

    @Test
    void a401WithANewTokenIsNotRetriedAgain() {
        fake.stubToken(MicrosoftFake.PARTNER_TENANT, "token-one", 3599);
        fake.server.stubFor(get(urlPathEqualTo(SUBSCRIPTIONS))
                .willReturn(MicrosoftFake.json(401, "{\"code\":401,\"description\":\"Unauthorized\"}")));
        PartnerCenterClient client = fake.client(fake.properties());

        assertThatThrownBy(() -> client.subscriptions(CUSTOMER))
                .isInstanceOfSatisfying(PartnerCenterException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.attempts()).isEqualTo(2);
                });
        fake.server.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        fake.server.verify(2, getRequestedFor(urlPathEqualTo(SUBSCRIPTIONS)));
    }

    @Test
    void refusedCredentialsGiveMicrosoftsErrorAndNeverTheSecret() {
        fake.server.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .willReturn(jsonResource(401, "token-error-invalid-client.json")));
        PartnerCenterProperties properties = fake.properties();
        PartnerCenterClient client = fake.client(properties);

        assertThatThrownBy(() -> client.subscriptions(CUSTOMER))
                .isInstanceOfSatisfying(PartnerCenterException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo("invalid_client");
                    assertThat(e.getMessage()).contains("AADSTS7000215").doesNotContain(MicrosoftFake.CLIENT_SECRET);
                });
        assertThat(properties.toString()).doesNotContain(MicrosoftFake.CLIENT_SECRET).contains("clientSecret=(set)");
        fake.server.verify(0, getRequestedFor(urlPathEqualTo(SUBSCRIPTIONS)));
    }

    @Test
    void missingCredentialsAreNamedBeforeAnyCall() {
        PartnerCenterProperties properties = new PartnerCenterProperties(fake.base() + "/{tenant}/oauth2/v2.0/token",
                MicrosoftFake.PARTNER_TENANT, MicrosoftFake.CLIENT_ID, null, fake.base(), null, null, null, null, null,
                null, null, null, null, null, null);
        PartnerCenterClient client = fake.client(properties);

        assertThatThrownBy(() -> client.subscriptions(CUSTOMER)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("client-secret");
        assertThat(fake.server.getAllServeEvents()).isEmpty();
    }
}
