package com.licenserecon.provider.partnercenter;

import com.licenserecon.provider.partnercenter.PartnerCenterJson.TokenResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * OAuth 2.0 client credentials tokens from the Microsoft identity platform, one per (tenant, scope): the
 * partner's tenant for Partner Center, each customer's tenant for Graph. A token is kept until shortly
 * before its {@code expires_in} ends (by the injected clock); {@link #invalidate} drops it when an API
 * answers 401 (a token revoked or expired in the middle of a run). Tokens and the secret are never logged.
 */
public class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
    /** A token is not used in its last minute (or the last half of a shorter life). */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);
    private static final long DEFAULT_EXPIRES_IN = 300;

    private final PartnerCenterProperties properties;
    private final PartnerCenterHttp http;
    private final Clock clock;
    private final Map<Key, Token> cache = new ConcurrentHashMap<>();
    private final AtomicLong fetches = new AtomicLong();

    public AccessTokens(PartnerCenterProperties properties, PartnerCenterHttp http, Clock clock) {
        this.properties = properties;
        this.http = http;
        this.clock = clock;
    }

    /** A valid token for the scope in the tenant, from the cache or fetched now. */
    public String token(String tenant, String scope) {
        Key key = new Key(tenant, scope);
        Token cached = cache.get(key);
        if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
            return cached.value();
        }
        synchronized (this) {
            cached = cache.get(key);
            if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
                return cached.value();
            }
            Token fresh = fetch(key);
            cache.put(key, fresh);
            return fresh.value();
        }
    }

    /** Drops the cached token, so that the next call fetches a new one. */
    public void invalidate(String tenant, String scope) {
        cache.remove(new Key(tenant, scope));
    }

    /** The token of Partner Center's API (the partner's own tenant). */
    public PartnerCenterHttp.Credentials partnerCenter() {
        return credentials(properties.tenantId(), properties.scope());
    }

    /** The token of Graph in a customer's tenant. */
    public PartnerCenterHttp.Credentials graph(String customerTenantId) {
        if (!properties.tokenEndpoint().contains(PartnerCenterProperties.TENANT_PLACEHOLDER)) {
            throw new IllegalStateException("license-recon.partner-center.graph-enabled needs a token-endpoint with "
                    + PartnerCenterProperties.TENANT_PLACEHOLDER + ", so that Graph tokens are asked in each customer's tenant");
        }
        return credentials(customerTenantId, properties.graphScope());
    }

    public PartnerCenterHttp.Credentials credentials(String tenant, String scope) {
        return new PartnerCenterHttp.Credentials() {
            @Override
            public String bearerToken() {
                return token(tenant, scope);
            }

            @Override
            public void invalidate() {
                AccessTokens.this.invalidate(tenant, scope);
            }
        };
    }

    /** How many tokens were fetched from the token endpoint. */
    public long fetches() {
        return fetches.get();
    }

    private Token fetch(Key key) {
        if (!properties.hasCredentials()) {
            throw new IllegalStateException("license-recon.partner-center.client-id and client-secret must be set "
                    + "(in the environment: LICENSE_RECON_PARTNER_CENTER_CLIENT_ID, LICENSE_RECON_PARTNER_CENTER_CLIENT_SECRET)");
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", properties.clientId());
        form.add("client_secret", properties.clientSecret());
        form.add("scope", key.scope());
        URI endpoint = URI.create(properties.tokenEndpointOf(key.tenant()));
        Instant asked = clock.instant();
        TokenResponse response = http.send(new PartnerCenterHttp.Request(HttpMethod.POST, endpoint,
                Map.of("Accept", MediaType.APPLICATION_JSON_VALUE), form, MediaType.APPLICATION_FORM_URLENCODED),
                null, false, TokenResponse.class).body();
        if (response == null || response.accessToken() == null || response.accessToken().isBlank()) {
            throw new PartnerCenterException("POST " + endpoint.getRawPath(), 200, null,
                    "the token response has no access_token", false, 1, null);
        }
        fetches.incrementAndGet();
        long expiresIn = response.expiresIn() == null || response.expiresIn() <= 0 ? DEFAULT_EXPIRES_IN
                : response.expiresIn();
        Duration life = Duration.ofSeconds(expiresIn);
        Duration margin = EXPIRY_MARGIN.compareTo(life.dividedBy(2)) < 0 ? EXPIRY_MARGIN : life.dividedBy(2);
        log.info("Fetched an access token for scope {} (valid {} s; fetches so far: {})", key.scope(), expiresIn,
                fetches.get());
        return new Token(response.accessToken(), asked.plus(life).minus(margin));
    }

    private record Key(String tenant, String scope) {
    }

    private record Token(String value, Instant refreshAt) {

        @Override
        public String toString() {
            return "Token[refreshAt=" + refreshAt + "]";
        }
    }
}
