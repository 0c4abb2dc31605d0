package com.licenserecon.provider.partnercenter;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP answer of Partner Center, whatever its status: the status code, the body as text (empty when
 * there is none) and the response headers (first value of each; names looked up without regard to case).
 */
public record PartnerCenterReply(int status, String body, Map<String, String> headers) {

    public PartnerCenterReply {
        body = body == null ? "" : body;
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    copy.putIfAbsent(name, value);
                }
            });
        }
        headers = Collections.unmodifiableMap(copy);
    }

    public PartnerCenterReply(int status, String body) {
        this(status, body, Map.of());
    }

    /** The first value of a response header, the name matched without regard to case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        // Never the body: it may name customer data. Status and size are what a log needs.
        return "PartnerCenterReply[status=" + status + ", bodyLength=" + body.length() + "]";
    }
}
