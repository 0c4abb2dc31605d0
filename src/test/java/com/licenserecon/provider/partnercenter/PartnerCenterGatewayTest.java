package com.licenserecon.provider.partnercenter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.licenserecon.provider.ProviderChange;
import com.licenserecon.provider.ProviderOutcomeUnknownException;
import com.licenserecon.provider.ProviderRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Partner Center gateway against WireMock on loopback, speaking Microsoft's JSON shapes (the
 * subscription resource, the error body {@code {"code": ..., "description": ...}}). Waits go to a
 * recording sleeper, so back-off and {@code Retry-After} are checked without being slept; only the read
 * time-out is real.
 */
class PartnerCenterGatewayTest {

    private static final UUID CUSTOMER = UUID.fromString("1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b");
    private static final UUID SUBSCRIPTION = UUID.fromString("5f8a2c3e-9d41-4e6b-8a27-0c1d2e3f4a5b");
    private static final String PATH = "/v1/customers/" + CUSTOMER + "/subscriptions/" + SUBSCRIPTION;
    private static final String OPERATION = PATH + "/operations/7a1b2c3d";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PartnerCenterGateway.Settings SETTINGS = new PartnerCenterGateway.Settings(3,
            Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), Duration.ofSeconds(30), 3, Duration.ofMillis(50));

    private WireMockServer server;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void ok200AppliesAndThePatchCarriesTheFullResourceWithOnlyQuantityChanged() throws Exception {
        stubSubscription(10);
        server.stubFor(patch(urlEqualTo(PATH)).willReturn(okJson(subscription(12))));

        gateway().apply(change(10, 12));

        List<LoggedRequest> patches = server.findAll(patchRequestedFor(urlEqualTo(PATH)));
        assertThat(patches).hasSize(1);
        assertThat(patches.get(0).getHeader("Content-Type")).startsWith("application/json");
        JsonNode sent = JSON.readTree(patches.get(0).getBodyAsString());
        ObjectNode expected = (ObjectNode) JSON.readTree(fixture("subscription.json"));
        expected.put("quantity", 12);
        assertThat(sent).isEqualTo(expected);
        assertThat(sent.get("attributes").get("etag").asString()).isEqualTo("eyJpZCI6IjVmOGEyYzNlIiwidmVyc2lvbiI6N30=");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void accepted202PollsTheLocationUntilTheSubscriptionShowsTheNewQuantity() throws Exception {
        stubSubscription(10);
        server.stubFor(patch(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202).withHeader("Location", OPERATION)));
        server.stubFor(get(urlEqualTo(OPERATION)).inScenario("operation").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(202)).willSetStateTo("done"));
        server.stubFor(get(urlEqualTo(OPERATION)).inScenario("operation").whenScenarioStateIs("done")
                .willReturn(okJson(subscription(12))));

        gateway().apply(change(10, 12));

        server.verify(1, patchRequestedFor(urlEqualTo(PATH)));
        server.verify(2, getRequestedFor(urlEqualTo(OPERATION)));
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(50));
    }

    @Test
    void accepted202WhosePollingGivesUpLeavesTheOutcomeUnknown() throws Exception {
        stubSubscription(10);
        server.stubFor(patch(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202).withHeader("Location", OPERATION)));
        server.stubFor(get(urlEqualTo(OPERATION)).willReturn(aResponse().withStatus(202)));

        assertThatThrownBy(() -> gateway().apply(change(10, 12)))
                .isInstanceOf(ProviderOutcomeUnknownException.class)
                .hasMessageContaining("202").hasMessageContaining("3 polls");

        server.verify(3, getRequestedFor(urlEqualTo(OPERATION)));
        server.verify(1, patchRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void accepted202WhoseOperationFailsWith800090IsRefusedWaitingForWindow() throws Exception {
        stubSubscription(10);
        server.stubFor(patch(urlEqualTo(PATH)).willReturn(aResponse().withStatus(202).withHeader("Location", OPERATION)));
        server.stubFor(get(urlEqualTo(OPERATION)).willReturn(okJson(fixture("operation-failed-800090.json"))));

        assertThatThrownBy(() -> gateway().apply(change(10, 8)))
                .isInstanceOfSatisfying(ProviderRefusedException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo("WAITING_FOR_WINDOW"))
                .hasMessageContaining("800090");
    }

    @Test
    void badRequest800090IsRefusedWaitingForWindowAndNotRetried() throws Exception {
        stubSubscription(10);
        server.stubFor(patch(urlEqualTo(PATH)).willReturn(json(400, fixture("error-800090.json"))));

        assertThatThrownBy(() -> gateway().apply(change(10, 8)))
                .isInstanceOfSatisfying(ProviderRefusedException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo("WAITING_FOR_WINDOW"))
                .hasMessageContaining("800090")
                .hasMessageContaining("decrease not allowed")
                .hasMessageContaining("within 7 days");

        server.verify(1, patchRequestedFor(urlEqualTo(PATH)));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void conflict409ThenOkIsRetriedAfterTheBackOff() throws Exception {
        stubSubscription(10);
        server.stubFor(patch(urlEqualTo(PATH)).inScenario("renewal").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(409, fixture("error-409-renewal.json"))).willSetStateTo("renewed"));
        server.stubFor(patch(urlEqualTo(PATH)).inScenario("renewal").whenScenarioStateIs("renewed")
                .willReturn(okJson(subscription(12))));

        gateway().apply(change(10, 12));

        server.verify(2, patchRequestedFor(urlEqualTo(PATH)));
        // Read once before the change and once back before re-sending it.
        server.verify(2, getRequestedFor(urlEqualTo(PATH)));
        assertThat(sleeps).containsExactly(Duration.ofMillis(100));
        // Both attempts of the one change carry one idempotency key; a later decision gets another.
        assertThat(server.findAll(patchRequestedFor(urlEqualTo(PATH))))
                .extracting(request -> request.getHeader("MS-RequestId"))
                .containsOnly(PartnerCenterGateway.idempotencyKey(change(10, 12)).toString());
        ProviderChange later = new ProviderChange(change(10, 12).requestId(), CUSTOMER, SUBSCRIPTION, "Additional", 2,
                10, 12, Instant.parse("2026-11-27T02:00:00Z"), Instant.parse("2026-11-27T02:00:00Z"));
        assertThat(PartnerCenterGateway.idempotencyKey(later))
                .isNotEqualTo(PartnerCenterGateway.idempotencyKey(change(10, 12)));
    }

    @Test
    void serverErrorsUntilTheAttemptsRunOutLeaveTheRequestQueuedAsProviderUnavailable() throws Exception {
        stubSubscription(10);
        server.stubFor(patch(urlEqualTo(PATH)).willReturn(json(500, fixture("error-500.json"))));

        assertThatThrownBy(() -> gateway().apply(change(10, 12)))
                .isInstanceOfSatisfying(ProviderRefusedException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo("PROVIDER_UNAVAILABLE"))
                .hasMessageContaining("3 attempts")
                .hasMessageContaining("HTTP 500");

        server.verify(3, patchRequestedFor(urlEqualTo(PATH)));
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void throttled429WaitsForRetryAfterThenRetries() throws Exception {
        stubSubscription(10);
        server.stubFor(patch(urlEqualTo(PATH)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("calm"));
        server.stubFor(patch(urlEqualTo(PATH)).inScenario("throttle").whenScenarioStateIs("calm")
                .willReturn(okJson(subscription(12))));

        gateway().apply(change(10, 12));

        server.verify(2, patchRequestedFor(urlEqualTo(PATH)));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void throttledReadIsRetriedAfterRetryAfterAndCountsAsAnAttempt() throws Exception {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));

        assertThatThrownBy(() -> gateway().apply(change(10, 12)))
                .isInstanceOfSatisfying(ProviderRefusedException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo("PROVIDER_UNAVAILABLE"))
                .hasMessageContaining("throttled");

        server.verify(3, getRequestedFor(urlEqualTo(PATH)));
        server.verify(0, patchRequestedFor(urlEqualTo(PATH)));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void aPatchSlowerThanTheReadTimeOutLeavesTheOutcomeUnknownAndHasAppliedReadsTheSubscriptionBack()
            throws Exception {
        stubSubscription(10);
        server.stubFor(patch(urlEqualTo(PATH)).willReturn(okJson(subscription(12)).withFixedDelay(1_500)));
        PartnerCenterGateway gateway = gateway(Duration.ofMillis(300),
                new PartnerCenterGateway.Settings(2, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1),
                        Duration.ofSeconds(30), 3, Duration.ofMillis(50)));
        ProviderChange change = change(10, 12);

        assertThatThrownBy(() -> gateway.apply(change))
                .isInstanceOf(ProviderOutcomeUnknownException.class)
                .hasMessageContaining("may have been applied")
                .hasMessageContaining("no answer");
        server.verify(2, patchRequestedFor(urlEqualTo(PATH)));

        // The next run settles the intent by reading the subscription back.
        assertThat(gateway.hasApplied(change)).isFalse();
        stubSubscription(12);
        assertThat(gateway.hasApplied(change)).isTrue();
        server.verify(2, patchRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aPatchThatTimedOutButArrivedIsFoundByTheReadBackAndNotSentAgain() throws Exception {
        server.stubFor(get(urlEqualTo(PATH)).inScenario("late").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(subscription(10))).willSetStateTo("arrived"));
        server.stubFor(get(urlEqualTo(PATH)).inScenario("late").whenScenarioStateIs("arrived")
                .willReturn(okJson(subscription(12))));
        server.stubFor(patch(urlEqualTo(PATH)).willReturn(okJson(subscription(12)).withFixedDelay(1_500)));

        gateway(Duration.ofMillis(300), SETTINGS).apply(change(10, 12));

        server.verify(1, patchRequestedFor(urlEqualTo(PATH)));
        server.verify(2, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aChangeAlreadyAtTheTargetQuantityIsNotPatchedAgain() throws Exception {
        // A run died after the call and before its commit: the re-run finds the change made.
        stubSubscription(12);

        gateway().apply(change(10, 12));

        server.verify(0, patchRequestedFor(urlEqualTo(PATH)));
        assertThat(gateway().hasApplied(change(10, 12))).isTrue();
    }

    @Test
    void anotherClientErrorIsRejectedWithMicrosoftsCodeAndDescription() throws Exception {
        stubSubscription(10);
        server.stubFor(patch(urlEqualTo(PATH)).willReturn(json(400, fixture("error-400-other.json"))));

        assertThatThrownBy(() -> gateway().apply(change(10, 5000)))
                .isInstanceOfSatisfying(ProviderRefusedException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo("PROVIDER_REJECTED"))
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("800002")
                .hasMessageContaining("not within the limits of the offer");

        server.verify(1, patchRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void anUnreadableSubscriptionSendsNothingAndHasAppliedStaysUnknown() throws Exception {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(json(503, fixture("error-500.json"))));

        assertThatThrownBy(() -> gateway().apply(change(10, 12)))
                .isInstanceOfSatisfying(ProviderRefusedException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo("PROVIDER_UNAVAILABLE"));
        server.verify(0, patchRequestedFor(urlEqualTo(PATH)));

        assertThatThrownBy(() -> gateway().hasApplied(change(10, 12)))
                .isInstanceOf(ProviderOutcomeUnknownException.class)
                .hasMessageContaining("cannot read subscription");
    }

    @Test
    void aPatchThatCouldNotConnectWasNotSentAndEndsProviderUnavailable() {
        AtomicInteger patches = new AtomicInteger();
        SubscriptionApi refusing = new SubscriptionApi() {
            @Override
            public PartnerCenterReply get(String customerId, String subscriptionId) {
                return new PartnerCenterReply(200, subscription(10));
            }

            @Override
            public PartnerCenterReply patch(String customerId, String subscriptionId, String json)
                    throws IOException {
                patches.incrementAndGet();
                throw new ConnectException("Connection refused");
            }

            @Override
            public PartnerCenterReply get(URI location) {
                throw new AssertionError("no 202 was given");
            }
        };
        PartnerCenterGateway gateway = new PartnerCenterGateway(refusing, SETTINGS, sleeps::add, Clock.systemUTC());

        assertThatThrownBy(() -> gateway.apply(change(10, 12)))
                .isInstanceOfSatisfying(ProviderRefusedException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo("PROVIDER_UNAVAILABLE"))
                .hasMessageContaining("ConnectException");
        assertThat(patches).hasValue(3);
    }

    @Test
    void retryAfterAsAnHttpDateIsHonouredAndCapped() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);
        PartnerCenterGateway gateway = new PartnerCenterGateway(new HttpSubscriptionApi(URI.create("http://127.0.0.1:1"),
                Duration.ofSeconds(1)), SETTINGS, sleeps::add, clock);

        assertThat(gateway.retryAfter(reply("Thu, 26 Nov 2026 02:00:12 GMT"))).contains(Duration.ofSeconds(12));
        assertThat(gateway.retryAfter(reply("3600"))).contains(Duration.ofSeconds(30));
        assertThat(gateway.retryAfter(reply("soon"))).isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private PartnerCenterGateway gateway() {
        return gateway(Duration.ofSeconds(2), SETTINGS);
    }

    private PartnerCenterGateway gateway(Duration readTimeout, PartnerCenterGateway.Settings settings) {
        return new PartnerCenterGateway(new HttpSubscriptionApi(URI.create(server.baseUrl()), readTimeout), settings,
                sleeps::add, Clock.systemUTC());
    }

    private static ProviderChange change(int before, int after) {
        Instant at = Instant.parse("2026-11-26T02:00:00Z");
        return new ProviderChange(UUID.fromString("0c0ffee0-0000-4000-8000-000000000001"), CUSTOMER, SUBSCRIPTION,
                after > before ? "Additional" : "Less", Math.abs(after - before), before, after, at, at);
    }

    private void stubSubscription(int quantity) {
        server.stubFor(get(urlEqualTo(PATH)).willReturn(okJson(subscription(quantity))));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static PartnerCenterReply reply(String retryAfter) {
        return new PartnerCenterReply(429, "", java.util.Map.of("retry-after", retryAfter));
    }

    static String subscription(int quantity) {
        ObjectNode resource = (ObjectNode) JSON.readTree(fixture("subscription.json"));
        resource.put("quantity", quantity);
        return JSON.writeValueAsString(resource);
    }

    static String fixture(String name) {
        try (InputStream in = PartnerCenterGatewayTest.class.getResourceAsStream("/partnercenter/gateway/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
