package com.licenserecon.provider.partnercenter;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;

/**
 * The three Partner Center calls the {@link PartnerCenterGateway} makes, one HTTP request each. The
 * integration adapts the Partner Center HTTP client (token, rate limit, base URL) to this interface.
 *
 * <p>Contract for an implementation:
 * <ul>
 * <li>Every HTTP answer is returned as a {@link PartnerCenterReply}, whatever its status (4xx and 5xx
 *     included): the gateway decides what a status means.</li>
 * <li>No retries: the gateway retries, reads the subscription back before re-sending a change, and
 *     honours {@code Retry-After}. An implementation that retried a PATCH by itself would hide from the
 *     gateway that the change may already have arrived.</li>
 * <li>No answer at all throws {@link IOException}: a {@link java.net.ConnectException} or
 *     {@link java.net.http.HttpConnectTimeoutException} (or {@link java.net.UnknownHostException}) when
 *     the request was certainly not sent (no connection; also use {@code ConnectException} when no
 *     access token could be obtained); any other {@code IOException}, such as
 *     {@link java.net.http.HttpTimeoutException} for a read time-out, when it may have been sent.</li>
 * <li>Requests are made with the bearer token; tokens and bodies are never logged.</li>
 * </ul>
 */
public interface SubscriptionApi {

    /** {@code GET {base}/v1/customers/{customerId}/subscriptions/{subscriptionId}}. */
    PartnerCenterReply get(String customerId, String subscriptionId) throws IOException, InterruptedException;

    /**
     * {@code PATCH {base}/v1/customers/{customerId}/subscriptions/{subscriptionId}} with the full
     * subscription resource as the JSON body ({@code Content-Type: application/json}).
     */
    PartnerCenterReply patch(String customerId, String subscriptionId, String fullResourceJson)
            throws IOException, InterruptedException;

    /**
     * The PATCH with an idempotency key, the same for every attempt of one change: an implementation that
     * can sends it as Partner Center's {@code MS-RequestId} header. By default the key is not sent.
     */
    default PartnerCenterReply patch(String customerId, String subscriptionId, String fullResourceJson,
            UUID idempotencyKey) throws IOException, InterruptedException {
        return patch(customerId, subscriptionId, fullResourceJson);
    }

    /**
     * {@code GET} of the {@code Location} a 202 answer gave. The location may be relative
     * ({@code /v1/...}): it is then resolved against the Partner Center base URL.
     */
    PartnerCenterReply get(URI location) throws IOException, InterruptedException;
}
