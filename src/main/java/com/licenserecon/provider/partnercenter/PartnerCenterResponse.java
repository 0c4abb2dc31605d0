package com.licenserecon.provider.partnercenter;

import java.net.URI;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * A successful (2xx) answer of a change or a poll: 200 with the resource as it now is, or 202 with the
 * {@code Location} to poll (and maybe a {@code Retry-After}) until it is done.
 *
 * @param status the HTTP status
 * @param body the JSON body, or null when there was none
 * @param location the {@code Location} header resolved against the API's base URL, or null
 * @param retryAfter the {@code Retry-After} header (seconds), or null
 */
public record PartnerCenterResponse(int status, JsonNode body, URI location, Duration retryAfter) {

    public boolean accepted() {
        return status == 202;
    }
}
