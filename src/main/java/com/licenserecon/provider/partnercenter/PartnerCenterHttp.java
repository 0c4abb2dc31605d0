package com.licenserecon.provider.partnercenter;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one HTTP call to Microsoft with the retry rules of license-recon: through the {@link RateLimiter}
 * (API calls), a 401 drops the cached token and is retried once with a new one, a 429 waits for
 * {@code Retry-After}, a 5xx, a 409 or a time-out is retried with exponential back-off, up to
 * {@code maxRetries} retries; anything else, or the last failure, is a {@link PartnerCenterException}.
 * Logs numbers and paths, never a header value.
 */
public class PartnerCenterHttp {

    private static final Logger log = LoggerFactory.getLogger(PartnerCenterHttp.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(2);
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);
    private static final int MAX_ERROR_TEXT = 300;

    /** Where the bearer token of a call comes from; {@link #invalidate()} after a 401. */
    public interface Credentials {

        String bearerToken();

        void invalidate();
    }

    /** One call: what to send. {@code body} is written by RestClient's converters as {@code contentType}. */
    public record Request(HttpMethod method, URI uri, Map<String, String> headers, Object body, MediaType contentType) {

        public Request {
            headers = headers == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(headers));
        }

        public static Request get(URI uri, Map<String, String> headers) {
            return new Request(HttpMethod.GET, uri, headers, null, null);
        }

        /** {@code GET /v1/customers}: the method and path, for logs and messages. */
        public String describe() {
            return method.name() + " " + uri.getRawPath();
        }
    }

    /** A 2xx response: its status, headers and body (null when there was none). */
    public record Response<T>(int status, HttpHeaders headers, T body) {
    }

    /** What happened so far, in numbers. */
    public record Stats(long requests, long retries, long throttled, long timeouts, long reauthentications) {
    }

    private final RestClient rest;
    private final RateLimiter limiter;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong reauthentications = new AtomicLong();

    public PartnerCenterHttp(RestClient rest, RateLimiter limiter, int maxRetries, Duration initialBackoff, Clock clock,
            Sleeper sleeper) {
        this.rest = rest;
        this.limiter = limiter;
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The wiring of the properties: RestClient on the JDK HttpClient with their time-outs, and the rate limit. */
    public static PartnerCenterHttp create(PartnerCenterProperties properties, Clock clock, Sleeper sleeper) {
        return new PartnerCenterHttp(restClient(properties.connectTimeout(), properties.readTimeout()),
                new RateLimiter(properties.requestsPerMinute(), clock, sleeper), properties.maxRetries(),
                properties.initialBackoff(), clock, sleeper);
    }

    /** A RestClient on the JDK HttpClient, HTTP/1.1, with explicit connect and read time-outs. */
    public static RestClient restClient(Duration connectTimeout, Duration readTimeout) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(readTimeout);
        return RestClient.builder().requestFactory(factory).build();
    }

    public <T> Response<T> send(Request request, Credentials credentials, boolean rateLimited, Class<T> type) {
        return send(request, credentials, rateLimited, ParameterizedTypeReference.forType(type));
    }

    /**
     * Sends the call until it succeeds or fails for good.
     *
     * @param credentials the bearer token, or null for a call without one (the token endpoint)
     * @param rateLimited whether the call counts against the rate limit
     * @throws PartnerCenterException when the call failed for good
     */
    public <T> Response<T> send(Request request, Credentials credentials, boolean rateLimited,
            ParameterizedTypeReference<T> type) {
        String call = request.describe();
        int retry = 0;
        int attempts = 0;
        boolean reauthenticated = false;
        while (true) {
            if (rateLimited && limiter != null) {
                try {
                    limiter.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the rate limit before " + call, e);
                }
            }
            String token = credentials == null ? null : credentials.bearerToken();
            attempts++;
            requests.incrementAndGet();
            Outcome<T> outcome;
            try {
                outcome = exchange(request, token, type);
            } catch (ResourceAccessException e) {
                timeouts.incrementAndGet();
                if (retry >= maxRetries) {
                    throw new PartnerCenterException(call, 0, null, rootMessage(e), true, attempts, e);
                }
                retry++;
                Duration wait = backoff(retry);
                log.warn("{}: no response ({}); retry {} of {} in {} ms", call, e.getClass().getSimpleName(), retry,
                        maxRetries, wait.toMillis());
                pause(wait, call);
                continue;
            } catch (RestClientException e) {
                // The response came but could not be read as the documented shape: not a passing fault.
                throw new PartnerCenterException(call, 0, null, "unreadable response: " + rootMessage(e), false,
                        attempts, e);
            }
            int status = outcome.status();
            if (status >= 200 && status < 300) {
                return new Response<>(status, outcome.headers(), outcome.body());
            }
            if (status == 401 && credentials != null && !reauthenticated) {
                reauthenticated = true;
                reauthentications.incrementAndGet();
                log.info("{}: 401, the access token is no longer accepted; fetching a new one", call);
                credentials.invalidate();
                continue;
            }
            boolean throttle = status == 429;
            boolean transientStatus = throttle || status == 409 || status >= 500;
            if (!transientStatus || retry >= maxRetries) {
                throw new PartnerCenterException(call, status, outcome.errorCode(), outcome.description(), false,
                        attempts, null);
            }
            retry++;
            Duration wait;
            if (throttle) {
                throttled.incrementAndGet();
                Duration retryAfter = retryAfter(outcome.headers());
                wait = retryAfter != null ? retryAfter : backoff(retry);
                log.warn("{}: throttled (429); waiting {} ms{}; retry {} of {}", call, wait.toMillis(),
                        retryAfter != null ? " as Retry-After asks" : "", retry, maxRetries);
            } else {
                wait = backoff(retry);
                log.warn("{}: HTTP {}{}; retry {} of {} in {} ms", call, status,
                        outcome.errorCode() == null ? "" : " (error " + outcome.errorCode() + ")", retry, maxRetries,
                        wait.toMillis());
            }
            retries.incrementAndGet();
            pause(wait, call);
        }
    }

    /** Any answer of {@link #sendOnce}: status, body as text and headers. */
    public record RawResponse(int status, String body, HttpHeaders headers) {
    }

    /**
     * Sends the call once, for a caller that makes its own retry decisions (the seat-change gateway): any
     * HTTP status is returned; only a 401 is sent again, once, with a new token (a refused token means the
     * call was not carried out).
     *
     * @throws ConnectException the call was certainly not carried out: no connection, or no token
     * @throws IOException no answer (e.g. {@link java.net.http.HttpTimeoutException}): it may have been
     */
    public RawResponse sendOnce(Request request, Credentials credentials, boolean rateLimited)
            throws IOException, InterruptedException {
        boolean reauthenticated = false;
        while (true) {
            if (rateLimited && limiter != null) {
                limiter.acquire();
            }
            String token = null;
            if (credentials != null) {
                try {
                    token = credentials.bearerToken();
                } catch (RuntimeException e) {
                    ConnectException noToken = new ConnectException("no access token for " + request.describe() + ": "
                            + e.getMessage());
                    noToken.initCause(e);
                    throw noToken;
                }
            }
            requests.incrementAndGet();
            RawResponse response;
            try {
                response = exchangeRaw(request, token);
            } catch (ResourceAccessException e) {
                timeouts.incrementAndGet();
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(request.describe() + ": " + rootMessage(e), e);
            }
            if (response.status() == 401 && credentials != null && !reauthenticated) {
                reauthenticated = true;
                reauthentications.incrementAndGet();
                log.info("{}: 401, the access token is no longer accepted; fetching a new one", request.describe());
                credentials.invalidate();
                continue;
            }
            if (response.status() == 429) {
                throttled.incrementAndGet();
            }
            return response;
        }
    }

    public Stats stats() {
        return new Stats(requests.get(), retries.get(), throttled.get(), timeouts.get(), reauthentications.get());
    }

    public RateLimiter limiter() {
        return limiter;
    }

    Duration backoff(int retry) {
        Duration wait = initialBackoff.multipliedBy(1L << Math.min(retry - 1, 20));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private <T> Outcome<T> exchange(Request request, String token, ParameterizedTypeReference<T> type) {
        return spec(request, token).exchange((req, res) -> {
            int status = res.getStatusCode().value();
            HttpHeaders headers = HttpHeaders.copyOf(res.getHeaders());
            if (status >= 200 && status < 300) {
                T body = status == 204 ? null : res.bodyTo(type);
                return new Outcome<>(status, headers, body, null, null);
            }
            String[] error = errorOf(res.getBody());
            return new Outcome<>(status, headers, null, error[0], error[1]);
        });
    }

    private RawResponse exchangeRaw(Request request, String token) {
        return spec(request, token).exchange((req, res) -> {
            String body;
            try (InputStream in = res.getBody()) {
                body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new RawResponse(res.getStatusCode().value(), body, HttpHeaders.copyOf(res.getHeaders()));
        });
    }

    private RestClient.RequestBodySpec spec(Request request, String token) {
        RestClient.RequestBodySpec spec = rest.method(request.method()).uri(request.uri()).headers(h -> {
            request.headers().forEach(h::set);
            if (token != null) {
                h.setBearerAuth(token);
            }
        });
        if (request.body() != null) {
            if (request.contentType() != null) {
                spec.contentType(request.contentType());
            }
            spec.body(request.body());
        }
        return spec;
    }

    /**
     * Microsoft's error bodies: Partner Center {@code {code, description}}, Graph
     * {@code {error: {code, message}}}, the identity platform {@code {error, error_description}}.
     */
    static String[] errorOf(InputStream body) {
        String text;
        try (InputStream in = body) {
            text = in == null ? "" : new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new String[] {null, null};
        }
        if (text.isBlank()) {
            return new String[] {null, null};
        }
        try {
            JsonNode json = JsonMapper.shared().readTree(text);
            if (json.isObject()) {
                if (json.path("code").isValueNode()) {
                    return new String[] {json.path("code").asString(), textOrNull(json.path("description"))};
                }
                JsonNode error = json.path("error");
                if (error.isObject()) {
                    return new String[] {textOrNull(error.path("code")), textOrNull(error.path("message"))};
                }
                if (error.isValueNode()) {
                    return new String[] {error.asString(), textOrNull(json.path("error_description"))};
                }
            }
        } catch (JacksonException e) {
            // not JSON: keep the start of the text
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        return new String[] {null, flat.length() > MAX_ERROR_TEXT ? flat.substring(0, MAX_ERROR_TEXT) + "..." : flat};
    }

    private static String textOrNull(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asString() : null;
    }

    /** {@code Retry-After} in seconds, or as an HTTP date; null when absent or unreadable. */
    private Duration retryAfter(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                wait = Duration.between(clock.instant(), at);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }

    private void pause(Duration wait, String call) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry " + call, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private record Outcome<T>(int status, HttpHeaders headers, T body, String errorCode, String description) {
    }
}
