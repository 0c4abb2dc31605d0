package com.licenserecon.provider.partnercenter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Microsoft identity platform, Partner Center and Graph for the sample licences, on one WireMock server
 * on loopback (dynamic port), answering in Microsoft's documented shapes from a {@link SamplePartnerCenter}:
 * <ul>
 * <li>{@code POST /{tenant}/oauth2/v2.0/token}: client credentials; a wrong client id or secret gets
 * {@code 401 invalid_client};</li>
 * <li>{@code GET /v1/customers?size=N}, then the page's {@code links.next} with its
 * {@code MS-ContinuationToken} header;</li>
 * <li>{@code GET /v1/customers/{c}/subscriptions} and {@code GET /v1/customers/{c}/subscriptions/{s}};</li>
 * <li>{@code PATCH /v1/customers/{c}/subscriptions/{s}}: <b>stateful</b>. The body must be the whole
 * resource as last read (every field, the etag included) with a new {@code quantity}; the subscription then
 * has that quantity and a new etag, and later reads show it. Anything else is answered 400 and recorded as a
 * {@linkplain #violations() violation};</li>
 * <li>{@code GET /v1.0/subscribedSkus} with a Graph token of the customer's tenant.</li>
 * </ul>
 * Partner Center calls need the Partner Center token, Graph calls the tenant's Graph token (else 401).
 * Faults are stubs of a higher priority put in front of this behaviour ({@link #failNext}, {@link #failAlways},
 * {@link #applyThenAnswerLate}); every request is in WireMock's journal for the test to count.
 */
final class SamplePartnerCenterFake implements AutoCloseable {

    static final String PARTNER_TENANT = "f00dcafe-0000-4000-8000-000000000001";
    static final String CLIENT_ID = "6b0f7d1e-5a2c-4e3f-9a8b-0c1d2e3f4a5b";
    static final String CLIENT_SECRET = "E2e~Sample.Secret_must-never-appear";
    static final String PC_SCOPE = "https://api.partnercenter.microsoft.com/.default";
    static final String GRAPH_SCOPE = "https://graph.microsoft.com/.default";
    static final String PC_TOKEN = "pc-token-for-the-sample-partner";

    private static final String TRANSFORMER = "sample-partner-center";
    private static final Pattern TOKEN = Pattern.compile("/([^/]+)/oauth2/v2\\.0/token");
    private static final Pattern SUBSCRIPTIONS = Pattern.compile("/v1/customers/([^/]+)/subscriptions");
    private static final Pattern SUBSCRIPTION = Pattern.compile("/v1/customers/([^/]+)/subscriptions/([^/]+)");

    /** A PATCH that the fake applied. */
    record AppliedPatch(String subscriptionId, int quantityBefore, int quantityAfter, long atMillis) {
    }

    private final SamplePartnerCenter sample;
    private final WireMockServer server;
    private final Map<String, ObjectNode> current = new HashMap<>();
    private final Map<String, Integer> versions = new HashMap<>();
    private final List<AppliedPatch> applied = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final AtomicInteger faults = new AtomicInteger();

    SamplePartnerCenterFake(SamplePartnerCenter sample) {
        this.sample = sample;
        this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new Behaviour()));
        server.start();
        reset();
    }

    /** Back to the sample's content: no stubs of faults, an empty journal, every subscription as in the file. */
    synchronized void reset() {
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(TRANSFORMER)));
        current.clear();
        versions.clear();
        applied.clear();
        violations.clear();
        for (SamplePartnerCenter.Tenant tenant : sample.tenants()) {
            for (ObjectNode subscription : tenant.subscriptions()) {
                current.put(subscription.get("id").asString(), subscription.deepCopy());
                versions.put(subscription.get("id").asString(), 1);
            }
        }
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    String tokenEndpoint() {
        return base() + "/{tenant}/oauth2/v2.0/token";
    }

    WireMockServer server() {
        return server;
    }

    SamplePartnerCenter sample() {
        return sample;
    }

    static String subscriptionPath(String tenantId, String subscriptionId) {
        return "/v1/customers/" + tenantId + "/subscriptions/" + subscriptionId;
    }

    String subscriptionPath(String subscriptionId) {
        return subscriptionPath(sample.tenantOf(subscriptionId), subscriptionId);
    }

    // ---- faults --------------------------------------------------------------------------------------

    /** The next {@code times} requests of {@code method} on the path get {@code response}; then the fake answers. */
    void failNext(String method, String path, int times, ResponseDefinitionBuilder response) {
        String scenario = "fault-" + faults.incrementAndGet();
        for (int i = 0; i < times; i++) {
            MappingBuilder stub = request(method, urlPathEqualTo(path)).atPriority(1).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "after-" + i)
                    .willSetStateTo("after-" + (i + 1));
            server.stubFor(stub.willReturn(response));
        }
    }

    /** The next request of the customers page {@code page} (0 is the first) gets {@code response}. */
    void failNextPage(int page, ResponseDefinitionBuilder response) {
        MappingBuilder stub = request("GET", urlPathEqualTo("/v1/customers")).atPriority(1);
        stub = page == 0 ? stub.withHeader(PartnerCenterClient.CONTINUATION_TOKEN, absent())
                : stub.withHeader(PartnerCenterClient.CONTINUATION_TOKEN, equalTo("page-" + page));
        server.stubFor(stub.inScenario("page-fault-" + faults.incrementAndGet()).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("after-1").willReturn(response));
    }

    /** Every request of {@code method} on a path matching the regular expression gets {@code response}. */
    void failAlways(String method, String pathRegex, ResponseDefinitionBuilder response) {
        UrlPattern pattern = urlPathMatching(pathRegex);
        server.stubFor(request(method, pattern).atPriority(1).willReturn(response));
    }

    /**
     * The next PATCH of the subscription is applied, but its answer comes {@code delayMillis} late: a client
     * with a shorter read time-out does not learn that it was applied.
     */
    void applyThenAnswerLate(String subscriptionId, int delayMillis) {
        String scenario = "late-" + faults.incrementAndGet();
        server.stubFor(request("PATCH", urlPathEqualTo(subscriptionPath(subscriptionId))).atPriority(1)
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
                .willReturn(aResponse().withFixedDelay(delayMillis).withTransformers(TRANSFORMER)));
    }

    /** Partner Center's error body. */
    static ResponseDefinitionBuilder error(int status, long code, String description) {
        return json(status, "{\"code\":" + code + ",\"description\":\"" + description
                + "\",\"data\":[],\"source\":\"PartnerFD\"}");
    }

    static ResponseDefinitionBuilder throttled(int retryAfterSeconds) {
        return error(429, 429, "Rate limit is exceeded. Try again in " + retryAfterSeconds + " seconds.")
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body);
    }

    // ---- what happened -------------------------------------------------------------------------------

    /** Every request, oldest first. */
    List<ServeEvent> events() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        events.sort((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()));
        return events;
    }

    /** The requests of a method on a path, oldest first. */
    List<ServeEvent> events(String method, String path) {
        return events().stream().filter(e -> e.getRequest().getMethod().getName().equals(method)
                && URI.create(e.getRequest().getUrl()).getPath().equals(path)).toList();
    }

    /** How many PATCH requests each subscription received, whatever the answer. */
    Map<String, Integer> patchRequestsBySubscription() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ServeEvent e : events()) {
            Matcher m = SUBSCRIPTION.matcher(URI.create(e.getRequest().getUrl()).getPath());
            if (e.getRequest().getMethod().getName().equals("PATCH") && m.matches()) {
                counts.merge(m.group(2), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The PATCHes the fake applied, oldest first. */
    synchronized List<AppliedPatch> applied() {
        return List.copyOf(applied);
    }

    /** The quantities each subscription was set to, in order. */
    synchronized Map<String, List<Integer>> appliedQuantitiesBySubscription() {
        Map<String, List<Integer>> bySubscription = new LinkedHashMap<>();
        for (AppliedPatch patch : applied) {
            bySubscription.computeIfAbsent(patch.subscriptionId(), s -> new ArrayList<>()).add(patch.quantityAfter());
        }
        return bySubscription;
    }

    /** PATCHes that did not send the whole resource as last read, or that Partner Center would refuse. */
    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized int quantity(String subscriptionId) {
        return current.get(subscriptionId).get("quantity").asInt();
    }

    @Override
    public void close() {
        server.stop();
    }

    // ---- the behaviour -------------------------------------------------------------------------------

    private synchronized ResponseDefinition answer(ServeEvent event) {
        Request request = event.getRequest();
        ResponseDefinitionBuilder base = ResponseDefinitionBuilder.like(event.getResponseDefinition());
        String method = request.getMethod().getName();
        URI uri = URI.create(request.getUrl());
        String path = uri.getPath();
        Matcher token = TOKEN.matcher(path);
        if (method.equals("POST") && token.matches()) {
            return token(base, token.group(1), form(request.getBodyAsString()));
        }
        if (path.equals("/v1.0/subscribedSkus") && method.equals("GET")) {
            String auth = request.getHeader("Authorization");
            String tenant = auth != null && auth.startsWith("Bearer graph-") ? auth.substring("Bearer graph-".length()) : null;
            if (tenant == null || sample.tenant(tenant) == null) {
                return respond(base, 401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":"
                        + "\"Access token validation failure.\"}}");
            }
            return respond(base, 200, SamplePartnerCenter.write(sample.tenant(tenant).subscribedSkus()));
        }
        if (!path.startsWith("/v1/")) {
            return respond(base, 404, "{\"code\":404,\"description\":\"Not found\"}");
        }
        if (!("Bearer " + PC_TOKEN).equals(request.getHeader("Authorization"))) {
            return respond(base, 401, "{\"code\":401,\"description\":\"Unauthorized: the token is not valid\"}");
        }
        if (path.equals("/v1/customers") && method.equals("GET")) {
            return customers(base, uri, request.getHeader(PartnerCenterClient.CONTINUATION_TOKEN));
        }
        Matcher list = SUBSCRIPTIONS.matcher(path);
        if (list.matches() && method.equals("GET")) {
            SamplePartnerCenter.Tenant tenant = sample.tenant(list.group(1));
            if (tenant == null) {
                return respond(base, 404, "{\"code\":600002,\"description\":\"Customer not found\"}");
            }
            ObjectNode collection = (ObjectNode) SamplePartnerCenter.read("{}");
            collection.put("totalCount", tenant.subscriptions().size());
            ArrayNode items = collection.putArray("items");
            for (ObjectNode subscription : tenant.subscriptions()) {
                items.add(current.get(subscription.get("id").asString()).deepCopy());
            }
            ObjectNode self = collection.putObject("links").putObject("self");
            self.put("uri", "/customers/" + tenant.tenantId() + "/subscriptions");
            self.put("method", "GET");
            self.putArray("headers");
            collection.putObject("attributes").put("objectType", "Collection");
            return respond(base, 200, SamplePartnerCenter.write(collection));
        }
        Matcher one = SUBSCRIPTION.matcher(path);
        if (one.matches()) {
            String customer = one.group(1);
            String id = one.group(2);
            ObjectNode resource = current.get(id);
            if (resource == null || !customer.equals(sample.tenantOf(id))) {
                return respond(base, 404, "{\"code\":800001,\"description\":\"Subscription not found\"}");
            }
            if (method.equals("GET")) {
                return respond(base, 200, SamplePartnerCenter.write(resource));
            }
            if (method.equals("PATCH")) {
                return patch(base, id, resource, request.getBodyAsString());
            }
        }
        return respond(base, 404, "{\"code\":404,\"description\":\"Not found\"}");
    }

    private ResponseDefinition token(ResponseDefinitionBuilder base, String tenant, Map<String, String> form) {
        if (!"client_credentials".equals(form.get("grant_type")) || !CLIENT_ID.equals(form.get("client_id"))
                || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return respond(base, 401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: "
                    + "Invalid client secret provided.\",\"error_codes\":[7000215]}");
        }
        String scope = form.get("scope");
        String accessToken;
        if (PC_SCOPE.equals(scope) && PARTNER_TENANT.equals(tenant)) {
            accessToken = PC_TOKEN;
        } else if (GRAPH_SCOPE.equals(scope) && sample.tenant(tenant) != null) {
            accessToken = "graph-" + tenant;
        } else {
            return respond(base, 400, "{\"error\":\"invalid_scope\",\"error_description\":\"AADSTS70011: "
                    + "The provided value for scope is not valid.\"}");
        }
        return respond(base, 200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                + "\"access_token\":\"" + accessToken + "\"}");
    }

    private ResponseDefinition customers(ResponseDefinitionBuilder base, URI uri, String continuation) {
        Map<String, String> query = form(uri.getRawQuery());
        int size = Integer.parseInt(query.getOrDefault("size", "100"));
        int page = 0;
        if (continuation != null) {
            if (!continuation.startsWith("page-") || !"Next".equals(query.get("seekOperation"))) {
                return respond(base, 400, "{\"code\":400,\"description\":\"Invalid continuation token\"}");
            }
            page = Integer.parseInt(continuation.substring("page-".length()));
        }
        List<SamplePartnerCenter.Tenant> tenants = sample.tenants();
        int from = Math.min(page * size, tenants.size());
        int to = Math.min(from + size, tenants.size());
        ObjectNode collection = (ObjectNode) SamplePartnerCenter.read("{}");
        collection.put("totalCount", tenants.size());
        ArrayNode items = collection.putArray("items");
        for (SamplePartnerCenter.Tenant tenant : tenants.subList(from, to)) {
            items.add(tenant.customer().deepCopy());
        }
        ObjectNode links = collection.putObject("links");
        ObjectNode self = links.putObject("self");
        self.put("uri", "/customers?size=" + size + (page > 0 ? "&seekOperation=Next" : ""));
        self.put("method", "GET");
        self.putArray("headers");
        if (to < tenants.size()) {
            ObjectNode next = links.putObject("next");
            next.put("uri", "/customers?size=" + size + "&seekOperation=Next");
            next.put("method", "GET");
            ObjectNode header = next.putArray("headers").addObject();
            header.put("key", PartnerCenterClient.CONTINUATION_TOKEN);
            header.put("value", "page-" + (page + 1));
        }
        collection.putObject("attributes").put("objectType", "Collection");
        return respond(base, 200, SamplePartnerCenter.write(collection));
    }

    private ResponseDefinition patch(ResponseDefinitionBuilder base, String id, ObjectNode resource, String body) {
        JsonNode sent;
        try {
            sent = SamplePartnerCenter.read(body);
        } catch (RuntimeException notJson) {
            return refuse(base, id, "the body is not JSON");
        }
        if (!(sent instanceof ObjectNode sentResource) || sent.get("quantity") == null
                || !sent.get("quantity").isIntegralNumber()) {
            return refuse(base, id, "the body is not a subscription with a quantity");
        }
        ObjectNode sentWithout = sentResource.deepCopy();
        sentWithout.remove("quantity");
        ObjectNode currentWithout = resource.deepCopy();
        currentWithout.remove("quantity");
        if (!sentWithout.equals(currentWithout)) {
            return refuse(base, id, "the body is not the whole resource as last read: sent "
                    + SamplePartnerCenter.write(sentWithout) + ", current " + SamplePartnerCenter.write(currentWithout));
        }
        if (!"active".equals(resource.get("status").asString())) {
            return refuse(base, id, "the subscription is " + resource.get("status").asString() + ", not active");
        }
        int before = resource.get("quantity").asInt();
        int after = sent.get("quantity").asInt();
        if (after < 1) {
            return refuse(base, id, "quantity " + after);
        }
        int version = versions.merge(id, 1, Integer::sum);
        resource.put("quantity", after);
        ((ObjectNode) resource.get("attributes")).put("etag", SamplePartnerCenter.etag(id, version));
        applied.add(new AppliedPatch(id, before, after, System.currentTimeMillis()));
        return respond(base, 200, SamplePartnerCenter.write(resource));
    }

    private ResponseDefinition refuse(ResponseDefinitionBuilder base, String id, String why) {
        violations.add("PATCH of subscription " + id + ": " + why);
        return respond(base, 400, "{\"code\":900999,\"description\":\"refused by the fake: see its violations\"}");
    }

    private static ResponseDefinition respond(ResponseDefinitionBuilder base, int status, String body) {
        return base.but().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body).build();
    }

    private static Map<String, String> form(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return values;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return Collections.unmodifiableMap(values);
    }

    private final class Behaviour implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            return answer(serveEvent);
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return TRANSFORMER;
        }
    }
}
