package com.licenserecon.provider.partnercenter;

import com.licenserecon.provider.partnercenter.PartnerCenterJson.Customer;
import com.licenserecon.provider.partnercenter.PartnerCenterJson.Link;
import com.licenserecon.provider.partnercenter.PartnerCenterJson.LinkHeader;
import com.licenserecon.provider.partnercenter.PartnerCenterJson.ResourceCollection;
import com.licenserecon.provider.partnercenter.PartnerCenterJson.SubscribedSku;
import com.licenserecon.provider.partnercenter.PartnerCenterJson.SubscribedSkus;
import com.licenserecon.provider.partnercenter.PartnerCenterJson.Subscription;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Partner Center's REST API (and Graph's {@code subscribedSkus}) as license-recon uses it. Every call goes
 * through {@link PartnerCenterHttp}: the rate limit, a new token after a 401, {@code Retry-After} on 429,
 * back-off on 5xx, 409 and time-outs, and a {@link PartnerCenterException} when that is not enough.
 */
public class PartnerCenterClient {

    public static final String CONTINUATION_TOKEN = "MS-ContinuationToken";
    static final String REQUEST_ID = "MS-RequestId";
    static final String CORRELATION_ID = "MS-CorrelationId";

    private static final ParameterizedTypeReference<ResourceCollection<Customer>> CUSTOMERS =
            new ParameterizedTypeReference<>() {
            };
    private static final ParameterizedTypeReference<ResourceCollection<Subscription>> SUBSCRIPTIONS =
            new ParameterizedTypeReference<>() {
            };

    private final PartnerCenterProperties properties;
    private final PartnerCenterHttp http;
    private final AccessTokens tokens;
    private final String correlationId = UUID.randomUUID().toString();

    public PartnerCenterClient(PartnerCenterProperties properties, PartnerCenterHttp http, AccessTokens tokens) {
        this.properties = properties;
        this.http = http;
        this.tokens = tokens;
    }

    /** The whole wiring from the properties, waiting with real sleeps. */
    public static PartnerCenterClient create(PartnerCenterProperties properties, Clock clock) {
        return create(properties, clock, Sleeper.REAL);
    }

    public static PartnerCenterClient create(PartnerCenterProperties properties, Clock clock, Sleeper sleeper) {
        PartnerCenterHttp http = PartnerCenterHttp.create(properties, clock, sleeper);
        return new PartnerCenterClient(properties, http, new AccessTokens(properties, http, clock));
    }

    /**
     * All the partner's customers, page by page ({@code GET /v1/customers?size=N}, then each page's
     * {@code links.next} with its {@code MS-ContinuationToken} header). Lazy: a page is fetched when the
     * one before is used up, so no more than a page is held.
     */
    public Stream<Customer> customers() {
        Iterator<Customer> pages = new Iterator<>() {
            private Iterator<Customer> page = Collections.emptyIterator();
            private PartnerCenterHttp.Request nextRequest = partnerCenterGet(
                    UriComponentsBuilder.fromUriString(properties.apiBaseUrl()).path("/v1/customers")
                            .queryParam("size", properties.pageSize()).build().toUri(), Map.of());
            private String lastPage;

            @Override
            public boolean hasNext() {
                while (!page.hasNext()) {
                    if (nextRequest == null) {
                        return false;
                    }
                    String thisPage = nextRequest.uri() + " " + nextRequest.headers().get(CONTINUATION_TOKEN);
                    if (thisPage.equals(lastPage)) {
                        throw new PartnerCenterException(nextRequest.describe(), 200, null,
                                "Partner Center's next link repeats the page just read", false, 1, null);
                    }
                    lastPage = thisPage;
                    ResourceCollection<Customer> collection = http.send(nextRequest, tokens.partnerCenter(), true,
                            CUSTOMERS).body();
                    page = collection == null ? Collections.emptyIterator() : collection.itemsOrEmpty().iterator();
                    nextRequest = collection == null ? null : follow(collection.next());
                }
                return true;
            }

            @Override
            public Customer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /** A customer's subscriptions ({@code GET /v1/customers/{id}/subscriptions}, following next links if any). */
    public List<Subscription> subscriptions(String customerId) {
        List<Subscription> all = new ArrayList<>();
        PartnerCenterHttp.Request request = partnerCenterGet(apiUri("/v1/customers/{c}/subscriptions", customerId),
                Map.of());
        int pages = 0;
        while (request != null) {
            if (++pages > 10_000) {
                throw new PartnerCenterException(request.describe(), 200, null, "too many pages of subscriptions",
                        false, 1, null);
            }
            ResourceCollection<Subscription> collection = http.send(request, tokens.partnerCenter(), true,
                    SUBSCRIPTIONS).body();
            if (collection == null) {
                break;
            }
            all.addAll(collection.itemsOrEmpty());
            request = follow(collection.next());
        }
        return all;
    }

    /** One subscription as Partner Center's full JSON resource, to be changed and sent back whole. */
    public JsonNode subscription(String customerId, String subscriptionId) {
        return http.send(partnerCenterGet(apiUri("/v1/customers/{c}/subscriptions/{s}", customerId, subscriptionId),
                Map.of()), tokens.partnerCenter(), true, JsonNode.class).body();
    }

    /** {@link #patch(String, JsonNode, int, UUID)} with a new request id. */
    public PartnerCenterResponse patch(String customerId, JsonNode subscription, int newQuantity) {
        return patch(customerId, subscription, newQuantity, UUID.randomUUID());
    }

    /**
     * Sends the subscription back whole with a new quantity ({@code PATCH
     * /v1/customers/{c}/subscriptions/{s}}). The quantity is absolute, so a retry after a time-out sends the
     * same end state; every attempt carries {@code requestId} as {@code MS-RequestId}.
     *
     * @return 200 (applied, with the resource) or 202 (accepted: poll {@link PartnerCenterResponse#location()}
     *         with {@link #get(URI)})
     * @throws PartnerCenterException any other answer, e.g. 400 with error code 800090 (decrease not allowed)
     */
    public PartnerCenterResponse patch(String customerId, JsonNode subscription, int newQuantity, UUID requestId) {
        Objects.requireNonNull(subscription, "subscription");
        String subscriptionId = subscription.path("id").asString(null);
        if (subscriptionId == null || subscriptionId.isBlank()) {
            throw new IllegalArgumentException("the subscription JSON has no id");
        }
        ObjectNode body = (ObjectNode) subscription.deepCopy();
        body.put("quantity", newQuantity);
        Map<String, String> headers = partnerCenterHeaders(Map.of());
        headers.put(REQUEST_ID, requestId.toString());
        PartnerCenterHttp.Request request = new PartnerCenterHttp.Request(HttpMethod.PATCH,
                apiUri("/v1/customers/{c}/subscriptions/{s}", customerId, subscriptionId), headers, body,
                MediaType.APPLICATION_JSON);
        return response(http.send(request, tokens.partnerCenter(), true, JsonNode.class));
    }

    /** GETs a {@code Location} that a 202 gave (absolute, or relative to the API's base URL). */
    public PartnerCenterResponse get(URI location) {
        return response(http.send(partnerCenterGet(resolve(location.toString()), Map.of()), tokens.partnerCenter(),
                true, JsonNode.class));
    }

    public boolean graphEnabled() {
        return properties.graphEnabled();
    }

    /**
     * The customer's licences by SKU from Graph ({@code GET /v1.0/subscribedSkus} with a token of the
     * customer's tenant). Empty when Graph is not enabled.
     */
    public List<SubscribedSku> subscribedSkus(String customerTenantId) {
        if (!properties.graphEnabled()) {
            return List.of();
        }
        List<SubscribedSku> all = new ArrayList<>();
        URI uri = URI.create(properties.graphBaseUrl() + "/v1.0/subscribedSkus");
        PartnerCenterHttp.Credentials credentials = tokens.graph(customerTenantId);
        int pages = 0;
        while (uri != null && ++pages <= 1_000) {
            SubscribedSkus skus = http.send(PartnerCenterHttp.Request.get(uri,
                    Map.of(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)), credentials, true,
                    SubscribedSkus.class).body();
            if (skus == null) {
                break;
            }
            if (skus.value() != null) {
                all.addAll(skus.value());
            }
            uri = skus.nextLink() == null ? null : sameHost(URI.create(skus.nextLink()),
                    URI.create(properties.graphBaseUrl()));
        }
        return all;
    }

    /**
     * Consumed (assigned) units by SKU in the customer's tenant, keyed by {@code skuPartNumber} in upper case.
     * Graph's {@code skuId} is a GUID that Partner Center's offer ids do not carry; the SKU part number is
     * what both sides share (through the SKU map). Empty when Graph is not enabled.
     */
    public Map<String, Integer> consumedUnits(String customerTenantId) {
        Map<String, Integer> units = new LinkedHashMap<>();
        for (SubscribedSku sku : subscribedSkus(customerTenantId)) {
            if (sku.skuPartNumber() != null && sku.consumedUnits() != null) {
                units.merge(sku.skuPartNumber().strip().toUpperCase(Locale.ROOT), sku.consumedUnits(), Integer::sum);
            }
        }
        return units;
    }

    /** Requests, retries, throttles, time-outs and new tokens so far. */
    public PartnerCenterHttp.Stats stats() {
        return http.stats();
    }

    public long tokenFetches() {
        return tokens.fetches();
    }

    /**
     * The calls of the seat-change gateway, one HTTP request each, sharing this client's rate limit and
     * tokens.
     */
    public SubscriptionApi subscriptionApi() {
        return new PartnerCenterSubscriptionApi(this);
    }

    PartnerCenterHttp http() {
        return http;
    }

    PartnerCenterHttp.Credentials partnerCenterCredentials() {
        return tokens.partnerCenter();
    }

    private PartnerCenterResponse response(PartnerCenterHttp.Response<JsonNode> response) {
        String location = response.headers().getFirst(HttpHeaders.LOCATION);
        String retryAfter = response.headers().getFirst(HttpHeaders.RETRY_AFTER);
        Duration wait = null;
        if (retryAfter != null) {
            try {
                wait = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
            } catch (NumberFormatException e) {
                wait = null;
            }
        }
        return new PartnerCenterResponse(response.status(), response.body(),
                location == null || location.isBlank() ? null : resolve(location), wait);
    }

    private PartnerCenterHttp.Request follow(Link next) {
        if (next == null || next.uri() == null || next.uri().isBlank()) {
            return null;
        }
        Map<String, String> linkHeaders = new LinkedHashMap<>();
        for (LinkHeader header : next.headersOrEmpty()) {
            if (header.key() != null && header.value() != null) {
                linkHeaders.put(header.key(), header.value());
            }
        }
        return partnerCenterGet(resolve(next.uri()), linkHeaders);
    }

    /** A link of Partner Center: relative to {@code /v1} ({@code /customers?...}), or absolute on its host. */
    URI resolve(String link) {
        URI base = URI.create(properties.apiBaseUrl());
        if (link.startsWith("http://") || link.startsWith("https://")) {
            return sameHost(URI.create(link), base);
        }
        String path = link.startsWith("/") ? link : "/" + link;
        if (!path.startsWith("/v1/") && !path.equals("/v1")) {
            path = "/v1" + path;
        }
        return URI.create(properties.apiBaseUrl() + path);
    }

    /** Our token goes only to the host it is for. */
    private static URI sameHost(URI link, URI base) {
        if (!Objects.equals(link.getHost(), base.getHost()) || link.getPort() != base.getPort()
                || !Objects.equals(link.getScheme(), base.getScheme())) {
            throw new PartnerCenterException("GET " + link.getRawPath(), 0, null,
                    "a link points to another host than " + base.getHost() + "; not followed", false, 0, null);
        }
        return link;
    }

    URI apiUri(String path, Object... values) {
        return UriComponentsBuilder.fromUriString(properties.apiBaseUrl()).path(path).buildAndExpand(values).encode()
                .toUri();
    }

    private PartnerCenterHttp.Request partnerCenterGet(URI uri, Map<String, String> extra) {
        return PartnerCenterHttp.Request.get(uri, partnerCenterHeaders(extra));
    }

    Map<String, String> partnerCenterHeaders(Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
        headers.put(CORRELATION_ID, correlationId);
        headers.put(REQUEST_ID, UUID.randomUUID().toString());
        headers.putAll(extra);
        return headers;
    }
}
