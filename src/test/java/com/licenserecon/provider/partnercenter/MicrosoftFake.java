package com.licenserecon.provider.partnercenter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Microsoft's identity platform, Partner Center and Graph on one WireMock server on loopback (dynamic
 * port), with a clock that only moves when the code under test waits (sleeps are recorded, not slept).
 */
final class MicrosoftFake implements AutoCloseable {

    static final String PARTNER_TENANT = "f00dcafe-0000-4000-8000-000000000001";
    static final String CLIENT_ID = "3f8a1c2e-app0-4d5e-9f10-000000000abc";
    static final String CLIENT_SECRET = "Sup3r~Secret.Value_never-logged";
    static final String PC_SCOPE = "https://api.partnercenter.microsoft.com/.default";
    static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";

    final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:00Z"));
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    final Sleeper sleeper = duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    };

    MicrosoftFake() {
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Defaults for tests: 2 customers a page, 4 retries from 1 s (recorded, not slept), 2 s read time-out. */
    PartnerCenterProperties properties() {
        return properties(Duration.ofSeconds(2), 4, false);
    }

    PartnerCenterProperties properties(Duration readTimeout, int maxRetries, boolean graphEnabled) {
        return new PartnerCenterProperties(base() + "/{tenant}/oauth2/v2.0/token", PARTNER_TENANT, CLIENT_ID,
                CLIENT_SECRET, base(), null, graphEnabled, base(), null, 10_000, Duration.ofSeconds(2), readTimeout,
                maxRetries, Duration.ofSeconds(1), 2, null);
    }

    PartnerCenterClient client(PartnerCenterProperties properties) {
        return PartnerCenterClient.create(properties, clock, sleeper);
    }

    /** The token endpoint of a tenant answers with this token, valid for {@code expiresIn} seconds. */
    void stubToken(String tenant, String token, long expiresIn) {
        server.stubFor(post(urlPathEqualTo("/" + tenant + "/oauth2/v2.0/token")).willReturn(token(token, expiresIn)));
    }

    static ResponseDefinitionBuilder token(String token, long expiresIn) {
        return json(200, resource("token.json").formatted(token).replace("3599", Long.toString(expiresIn)));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    static ResponseDefinitionBuilder jsonResource(int status, String name) {
        return json(status, resource(name));
    }

    static String resource(String name) {
        try (InputStream in = MicrosoftFake.class.getResourceAsStream("/partnercenter/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource partnercenter/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A clock that moves only when told. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        synchronized void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
