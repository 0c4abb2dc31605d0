package com.licenserecon.provider.partnercenter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A test {@link SubscriptionApi} over {@link HttpClient}: one request per call, no retries, no token. */
final class HttpSubscriptionApi implements SubscriptionApi {

    private final URI base;
    private final Duration readTimeout;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    HttpSubscriptionApi(URI base, Duration readTimeout) {
        this.base = base;
        this.readTimeout = readTimeout;
    }

    @Override
    public PartnerCenterReply get(String customerId, String subscriptionId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(subscriptionUri(customerId, subscriptionId)).GET());
    }

    @Override
    public PartnerCenterReply patch(String customerId, String subscriptionId, String fullResourceJson)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(subscriptionUri(customerId, subscriptionId))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(fullResourceJson)));
    }

    @Override
    public PartnerCenterReply patch(String customerId, String subscriptionId, String fullResourceJson,
            UUID idempotencyKey) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(subscriptionUri(customerId, subscriptionId))
                .header("Content-Type", "application/json")
                .header("MS-RequestId", idempotencyKey.toString())
                .method("PATCH", HttpRequest.BodyPublishers.ofString(fullResourceJson)));
    }

    @Override
    public PartnerCenterReply get(URI location) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(location)).GET());
    }

    private URI subscriptionUri(String customerId, String subscriptionId) {
        return base.resolve("/v1/customers/" + customerId + "/subscriptions/" + subscriptionId);
    }

    private PartnerCenterReply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(readTimeout).header("Accept", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        return new PartnerCenterReply(response.statusCode(), response.body(), headers);
    }
}
