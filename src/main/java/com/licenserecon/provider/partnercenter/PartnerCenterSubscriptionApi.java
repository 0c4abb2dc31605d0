package com.licenserecon.provider.partnercenter;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * {@link SubscriptionApi} over the {@link PartnerCenterClient}'s HTTP client: its base URL, tokens and
 * rate limit, one request per call (the gateway makes the retry decisions). Every HTTP answer is returned
 * as a {@link PartnerCenterReply}; a 401 is sent once more with a new token, which is safe because a
 * refused token means nothing was done.
 */
public class PartnerCenterSubscriptionApi implements SubscriptionApi {

    private final PartnerCenterClient client;

    public PartnerCenterSubscriptionApi(PartnerCenterClient client) {
        this.client = client;
    }

    @Override
    public PartnerCenterReply get(String customerId, String subscriptionId) throws IOException, InterruptedException {
        return send(new PartnerCenterHttp.Request(HttpMethod.GET,
                client.apiUri("/v1/customers/{c}/subscriptions/{s}", customerId, subscriptionId),
                client.partnerCenterHeaders(Map.of()), null, null));
    }

    @Override
    public PartnerCenterReply patch(String customerId, String subscriptionId, String fullResourceJson)
            throws IOException, InterruptedException {
        return send(new PartnerCenterHttp.Request(HttpMethod.PATCH,
                client.apiUri("/v1/customers/{c}/subscriptions/{s}", customerId, subscriptionId),
                client.partnerCenterHeaders(Map.of()), fullResourceJson, MediaType.APPLICATION_JSON));
    }

    @Override
    public PartnerCenterReply get(URI location) throws IOException, InterruptedException {
        URI resolved;
        try {
            resolved = client.resolve(location.toString());
        } catch (PartnerCenterException e) {
            throw new ConnectException("not sent: " + e.getMessage());
        }
        return send(new PartnerCenterHttp.Request(HttpMethod.GET, resolved, client.partnerCenterHeaders(Map.of()),
                null, null));
    }

    private PartnerCenterReply send(PartnerCenterHttp.Request request) throws IOException, InterruptedException {
        PartnerCenterHttp.RawResponse response = client.http().sendOnce(request, client.partnerCenterCredentials(),
                true);
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.putIfAbsent(name, values.get(0));
            }
        });
        return new PartnerCenterReply(response.status(), response.body(), headers);
    }
}
