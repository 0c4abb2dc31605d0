package com.licenserecon.provider.partnercenter;

import com.licenserecon.provider.ProviderChange;
import com.licenserecon.provider.ProviderGateway;
import com.licenserecon.provider.ProviderOutcomeUnknownException;
import com.licenserecon.provider.ProviderRefusedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Partner Center gateway: a seat change becomes
 * {@code PATCH /v1/customers/{customer}/subscriptions/{subscription}} with the full subscription resource
 * as Partner Center returned it and only {@code quantity} set to the intended quantity.
 *
 * <p>Exactly once: the PATCH carries an absolute quantity, and the subscription is read before anything
 * is sent. A subscription already at the intended quantity is not sent again (a run that died between
 * the call and its commit), and before a PATCH is re-sent, or a change whose PATCH got no answer is given
 * up, the subscription is read back.
 *
 * <p>Answers:
 * <ul>
 * <li>200 (any 2xx but 202): applied.</li>
 * <li>202: the {@code Location} is polled ({@link Settings#maxPolls} times, {@link Settings#pollInterval}
 *     apart, or the {@code Retry-After} it gives) until it answers with the subscription at the new quantity
 *     or an operation that succeeded; an operation that failed is refused; polls that give up end with
 *     {@link ProviderOutcomeUnknownException} unless the subscription reads back at the new quantity.</li>
 * <li>400 with Partner Center error code 800090 (a decrease outside its window): refused,
 *     {@code WAITING_FOR_WINDOW}.</li>
 * <li>409 (a renewal in progress), 5xx, 429 and no answer at all: retried, {@link Settings#maxAttempts} in
 *     all, with exponential back-off (429 waits for its {@code Retry-After}). Then: refused,
 *     {@code PROVIDER_UNAVAILABLE}, with the last error; but when a PATCH went out and got no answer
 *     (a read time-out), {@link ProviderOutcomeUnknownException}, as it may have been applied.</li>
 * <li>any other 4xx: refused, {@code PROVIDER_REJECTED}, with Partner Center's code and description.</li>
 * </ul>
 * Logs carry ids, statuses and quantities, never bodies nor tokens.
 */
public class PartnerCenterGateway implements ProviderGateway {

    /** The reason code of a decrease Partner Center refuses outside its window (error 800090). */
    public static final String WAITING_FOR_WINDOW = "WAITING_FOR_WINDOW";
    /** The reason code when Partner Center stayed unavailable (409, 5xx, 429, no answer) through the retries. */
    public static final String PROVIDER_UNAVAILABLE = "PROVIDER_UNAVAILABLE";
    /** The reason code of any other refusal by Partner Center (4xx), with its code and description. */
    public static final String PROVIDER_REJECTED = "PROVIDER_REJECTED";
    /** Partner Center's error code for a seat decrease that is not allowed (outside the 7-day window). */
    public static final String DECREASE_NOT_ALLOWED = "800090";

    private static final Logger log = LoggerFactory.getLogger(PartnerCenterGateway.class);
    private static final int MAX_DESCRIPTION = 300;
    private static final Set<String> FAILED = Set.of("failed", "failure", "error", "canceled", "cancelled", "rejected");
    private static final Set<String> SUCCEEDED = Set.of("succeeded", "success", "completed", "complete", "done");
    // Decimals kept exactly as Partner Center wrote them: the PATCH sends back every other field unchanged.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /**
     * How patient the gateway is ({@code license-recon.partner-center.gateway.*}).
     *
     * @param maxAttempts requests of one kind (reading the subscription, the PATCH) at most, the first included
     * @param initialBackoff the wait before the first retry; each further retry waits {@code backoffMultiplier}
     *        times longer, up to {@code maxBackoff}
     * @param backoffMultiplier growth of the back-off, at least 1
     * @param maxBackoff the longest back-off
     * @param maxRetryAfter the longest wait a {@code Retry-After} header is granted
     * @param maxPolls how many times the {@code Location} of a 202 is asked before the outcome is unknown
     * @param pollInterval the wait before each poll (unless the answer gave a {@code Retry-After})
     */
    public record Settings(Integer maxAttempts, Duration initialBackoff, Double backoffMultiplier, Duration maxBackoff,
            Duration maxRetryAfter, Integer maxPolls, Duration pollInterval) {

        public Settings {
            maxAttempts = maxAttempts == null ? 5 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(2) : initialBackoff;
            backoffMultiplier = backoffMultiplier == null ? 2.0 : backoffMultiplier;
            maxBackoff = maxBackoff == null ? Duration.ofSeconds(60) : maxBackoff;
            maxRetryAfter = maxRetryAfter == null ? Duration.ofSeconds(120) : maxRetryAfter;
            maxPolls = maxPolls == null ? 20 : maxPolls;
            pollInterval = pollInterval == null ? Duration.ofSeconds(3) : pollInterval;
            if (maxAttempts < 1 || maxPolls < 1) {
                throw new IllegalArgumentException("max-attempts and max-polls must be at least 1");
            }
            if (backoffMultiplier < 1.0 || backoffMultiplier.isNaN()) {
                throw new IllegalArgumentException("backoff-multiplier must be at least 1");
            }
            for (Duration d : new Duration[] {initialBackoff, maxBackoff, maxRetryAfter, pollInterval}) {
                if (d.isNegative()) {
                    throw new IllegalArgumentException("the gateway's waits may not be negative: " + d);
                }
            }
        }

        public static Settings defaults() {
            return new Settings(null, null, null, null, null, null, null);
        }

        /** The wait before retry number {@code retry} (1 for the first retry). */
        public Duration backoff(int retry) {
            double millis = initialBackoff.toMillis() * Math.pow(backoffMultiplier, Math.max(0, retry - 1));
            return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
        }
    }

    private final SubscriptionApi api;
    private final Settings settings;
    private final Sleeper sleeper;
    private final Clock clock;

    public PartnerCenterGateway(SubscriptionApi api, Settings settings) {
        this(api, settings, Sleeper.REAL, Clock.systemUTC());
    }

    public PartnerCenterGateway(SubscriptionApi api, Settings settings, Sleeper sleeper, Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.settings = settings == null ? Settings.defaults() : settings;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public void apply(ProviderChange change) throws Exception {
        int target = change.quantityAfter();
        // Nothing is sent yet: any failure to read is a refusal the next run may retry.
        ObjectNode resource = readSubscription(change);
        int live = quantityOf(resource).orElseThrow();
        if (live == target) {
            log.info("{}: Partner Center already shows {} seats; not sent again", ids(change), target);
            return;
        }
        if (live != change.quantityBefore()) {
            log.warn("{}: Partner Center shows {} seats where the run decided from {}; setting {}", ids(change), live,
                    change.quantityBefore(), target);
        }
        patch(change, resource);
    }

    @Override
    public boolean hasApplied(ProviderChange change) throws Exception {
        ObjectNode resource;
        try {
            resource = readSubscription(change);
        } catch (ProviderRefusedException unreadable) {
            // Still unknown: the intent stays open rather than the change being sent again.
            throw new ProviderOutcomeUnknownException("cannot read subscription " + change.subscriptionId()
                    + " back from Partner Center: " + unreadable.getMessage(), unreadable);
        }
        int live = quantityOf(resource).orElseThrow();
        boolean applied = live == change.quantityAfter();
        log.info("{}: read back {} seats, intended {}: {}", ids(change), live, change.quantityAfter(),
                applied ? "applied" : "not applied");
        return applied;
    }

    // ---- the PATCH and its retries -------------------------------------------------------------------

    private void patch(ProviderChange change, ObjectNode resource) throws Exception {
        String customer = change.customerTenantId().toString();
        String subscription = change.subscriptionId().toString();
        int target = change.quantityAfter();
        UUID key = idempotencyKey(change);
        boolean maybeSent = false; // a PATCH went out and got no answer: it may have arrived
        Answer last = null;
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1) {
                sleeper.sleep(waitBefore(attempt - 1, last));
                // Read back before re-sending: the previous attempt may have been applied after all.
                ReadBack back = readBack(change);
                if (back.atTarget()) {
                    log.info("{}: read back at {} seats before a retry; applied, not sent again", ids(change), target);
                    return;
                }
                if (back.resource() != null) {
                    resource = back.resource(); // the current resource (etag included) is what is sent back
                }
            }
            String body = withQuantity(resource, target);
            Answer answer = call(() -> api.patch(customer, subscription, body, key));
            last = answer;
            if (!answer.replied()) {
                maybeSent |= answer.maybeSent();
                lastFailure = answer.failure();
                log.warn("{}: PATCH to {} seats, attempt {}/{}: {}", ids(change), target, attempt,
                        settings.maxAttempts(), answer.describe());
                continue;
            }
            PartnerCenterReply reply = answer.reply();
            int status = reply.status();
            if (status == 202) {
                log.info("{}: PATCH to {} seats accepted (202), attempt {}/{}", ids(change), target, attempt,
                        settings.maxAttempts());
                awaitAccepted(change, reply);
                return;
            }
            if (reply.isSuccess()) {
                OptionalInt shown = quantityOf(parse(reply.body()));
                if (shown.isPresent() && shown.getAsInt() != target) {
                    log.warn("{}: PATCH answered {} with {} seats, not {}", ids(change), status, shown.getAsInt(), target);
                }
                log.info("{}: PATCH to {} seats applied ({}), attempt {}/{}", ids(change), target, status, attempt,
                        settings.maxAttempts());
                return;
            }
            if (retryable(status)) {
                log.warn("{}: PATCH to {} seats, attempt {}/{}: {}", ids(change), target, attempt,
                        settings.maxAttempts(), answer.describe());
                continue;
            }
            ProviderRefusedException refused = refusal(reply, "the change");
            log.warn("{}: PATCH to {} seats refused, HTTP {} ({})", ids(change), target, status, refused.reasonCode());
            if (maybeSent && appliedAfterAll(change, refused)) {
                return;
            }
            throw refused;
        }
        // Retries exhausted: a last read before the verdict.
        ReadBack back = readBack(change);
        if (back.atTarget()) {
            log.info("{}: read back at {} seats after {} attempts; applied", ids(change), target, settings.maxAttempts());
            return;
        }
        String lastError = last == null ? "no attempt" : last.describe();
        if (maybeSent) {
            throw new ProviderOutcomeUnknownException("Partner Center gave no answer to the PATCH of subscription "
                    + subscription + " to " + target + " seats after " + settings.maxAttempts() + " attempts (last: "
                    + lastError + "); it may have been applied", lastFailure);
        }
        throw new ProviderRefusedException(PROVIDER_UNAVAILABLE, "Partner Center did not apply the change of subscription "
                + subscription + " to " + target + " seats after " + settings.maxAttempts() + " attempts; last error: "
                + lastError);
    }

    /**
     * The {@code MS-RequestId} of every attempt of one change: the same for the retries of one intent, new
     * for a later decision of the same request (a refusal Partner Center remembered must not answer it).
     */
    static UUID idempotencyKey(ProviderChange change) {
        return UUID.nameUUIDFromBytes(("license-recon seat change " + change.requestId() + " at " + change.appliedAt()
                + " to " + change.quantityAfter()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A PATCH that may have arrived is refused only once the subscription reads back not at the target.
     *
     * @return true when the earlier PATCH did arrive (the change is applied)
     */
    private boolean appliedAfterAll(ProviderChange change, ProviderRefusedException refused) throws Exception {
        ReadBack back = readBack(change);
        if (back.atTarget()) {
            log.info("{}: an earlier PATCH arrived ({} seats read back); applied", ids(change), change.quantityAfter());
            return true;
        }
        if (back.resource() == null) {
            throw new ProviderOutcomeUnknownException("an earlier PATCH of subscription " + change.subscriptionId()
                    + " got no answer, a later one was refused (" + refused.getMessage()
                    + "), and the subscription could not be read back", refused);
        }
        return false;
    }

    // ---- 202: polling the Location -------------------------------------------------------------------

    private void awaitAccepted(ProviderChange change, PartnerCenterReply accepted) throws Exception {
        int target = change.quantityAfter();
        Optional<URI> location = accepted.header("Location").flatMap(PartnerCenterGateway::uri);
        if (location.isEmpty()) {
            log.warn("{}: 202 without a usable Location; polling the subscription itself", ids(change));
        }
        String customer = change.customerTenantId().toString();
        String subscription = change.subscriptionId().toString();
        PartnerCenterReply previous = accepted;
        String lastSeen = "no poll answered";
        for (int poll = 1; poll <= settings.maxPolls(); poll++) {
            sleeper.sleep(pollDelay(previous));
            Answer answer = location.isPresent() ? call(() -> api.get(location.get()))
                    : call(() -> api.get(customer, subscription));
            if (!answer.replied()) {
                previous = null;
                lastSeen = answer.describe();
                log.debug("{}: poll {}/{}: {}", ids(change), poll, settings.maxPolls(), lastSeen);
                continue;
            }
            PartnerCenterReply reply = answer.reply();
            previous = reply;
            int status = reply.status();
            if (reply.isSuccess() && status != 202) {
                JsonNode body = parse(reply.body());
                OptionalInt quantity = quantityOf(body);
                if (quantity.isPresent()) {
                    if (quantity.getAsInt() == target) {
                        log.info("{}: applied, {} seats confirmed by poll {}/{}", ids(change), target, poll,
                                settings.maxPolls());
                        return;
                    }
                    lastSeen = "the subscription still at " + quantity.getAsInt() + " seats";
                    continue;
                }
                String state = text(body, "status").map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
                if (FAILED.contains(state)) {
                    log.warn("{}: the accepted change ended '{}' at poll {}/{}", ids(change), state, poll,
                            settings.maxPolls());
                    throw refusal(reply, "the accepted change (operation " + state + ")");
                }
                if (SUCCEEDED.contains(state)) {
                    ReadBack back = readBack(change);
                    if (back.atTarget()) {
                        log.info("{}: applied, operation {} and {} seats read back", ids(change), state, target);
                        return;
                    }
                }
                lastSeen = "HTTP " + status + (state.isEmpty() ? "" : ", operation " + state);
                continue;
            }
            lastSeen = describe(reply);
            if (status == 202 || retryable(status)) {
                log.debug("{}: poll {}/{}: {}", ids(change), poll, settings.maxPolls(), lastSeen);
                continue;
            }
            if (status == 400 && error(reply.body()).code() != null) {
                // The operation itself failed with a Partner Center error (800090 among them).
                throw refusal(reply, "the accepted change");
            }
            log.warn("{}: poll {}/{} answered HTTP {}; polling stops", ids(change), poll, settings.maxPolls(), status);
            break; // e.g. 404: the location is of no further help; the read-back below settles it
        }
        ReadBack back = readBack(change);
        if (back.atTarget()) {
            log.info("{}: applied, {} seats read back after polling", ids(change), target);
            return;
        }
        throw new ProviderOutcomeUnknownException("Partner Center accepted the change of subscription " + subscription
                + " to " + target + " seats (202) but did not confirm it after " + settings.maxPolls()
                + " polls (last: " + lastSeen + "); it may still be applied", null);
    }

    private Duration pollDelay(PartnerCenterReply previous) {
        return previous == null ? settings.pollInterval() : retryAfter(previous).orElse(settings.pollInterval());
    }

    // ---- reading the subscription --------------------------------------------------------------------

    /** Reads the subscription, retrying 409, 5xx, 429 and no answer; refused when it cannot. */
    private ObjectNode readSubscription(ProviderChange change) throws ProviderRefusedException, InterruptedException {
        String customer = change.customerTenantId().toString();
        String subscription = change.subscriptionId().toString();
        Answer answer = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1) {
                sleeper.sleep(waitBefore(attempt - 1, answer));
            }
            answer = call(() -> api.get(customer, subscription));
            if (answer.replied()) {
                PartnerCenterReply reply = answer.reply();
                if (reply.isSuccess()) {
                    JsonNode body = parse(reply.body());
                    if (body instanceof ObjectNode resource && quantityOf(resource).isPresent()) {
                        return resource;
                    }
                    answer = Answer.unreadable(reply);
                } else if (!retryable(reply.status())) {
                    log.warn("{}: reading the subscription refused, HTTP {}", ids(change), reply.status());
                    throw refusal(reply, "reading the subscription");
                }
            }
            log.warn("{}: reading the subscription, attempt {}/{}: {}", ids(change), attempt, settings.maxAttempts(),
                    answer.describe());
        }
        throw new ProviderRefusedException(PROVIDER_UNAVAILABLE, "Partner Center did not return subscription "
                + subscription + " after " + settings.maxAttempts() + " attempts; last error: " + answer.describe());
    }

    private record ReadBack(ObjectNode resource, boolean atTarget) {
    }

    /** One read, no retries: {@code resource} is null when the subscription could not be read. */
    private ReadBack readBack(ProviderChange change) throws InterruptedException {
        Answer answer = call(() -> api.get(change.customerTenantId().toString(), change.subscriptionId().toString()));
        if (answer.replied() && answer.reply().isSuccess()
                && parse(answer.reply().body()) instanceof ObjectNode resource) {
            OptionalInt quantity = quantityOf(resource);
            if (quantity.isPresent()) {
                log.debug("{}: read back {} seats", ids(change), quantity.getAsInt());
                return new ReadBack(resource, quantity.getAsInt() == change.quantityAfter());
            }
        }
        log.warn("{}: could not read the subscription back: {}", ids(change), answer.describe());
        return new ReadBack(null, false);
    }

    // ---- answers -------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Call {
        PartnerCenterReply send() throws IOException, InterruptedException;
    }

    /** An HTTP answer, or the failure that stood for it (and whether the request may have been sent). */
    private record Answer(PartnerCenterReply reply, IOException failure, boolean maybeSent, String note) {

        static Answer unreadable(PartnerCenterReply reply) {
            return new Answer(reply, null, false, "HTTP " + reply.status() + " without a readable subscription");
        }

        boolean replied() {
            return reply != null;
        }

        String describe() {
            if (note != null) {
                return note;
            }
            if (reply != null) {
                return PartnerCenterGateway.describe(reply);
            }
            String message = failure.getMessage();
            return "no answer (" + failure.getClass().getSimpleName()
                    + (message == null || message.isBlank() ? "" : ": " + clean(message)) + ")";
        }
    }

    private static Answer call(Call call) throws InterruptedException {
        try {
            return new Answer(Objects.requireNonNull(call.send(), "a SubscriptionApi returned no reply"), null, false,
                    null);
        } catch (IOException e) {
            return new Answer(null, e, !certainlyNotSent(e), null);
        }
    }

    /** No connection was made (nor token obtained): the request cannot have reached Partner Center. */
    static boolean certainlyNotSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** 409 (renewal in progress), 429 (throttled) and 5xx are worth another attempt. */
    static boolean retryable(int status) {
        return status == 409 || status == 429 || status >= 500;
    }

    private Duration waitBefore(int retry, Answer previous) {
        if (previous != null && previous.replied()) {
            Optional<Duration> retryAfter = retryAfter(previous.reply());
            if (retryAfter.isPresent()) {
                return retryAfter.get();
            }
        }
        return settings.backoff(retry);
    }

    /** {@code Retry-After} in seconds or as an HTTP date, capped at {@link Settings#maxRetryAfter}. */
    Optional<Duration> retryAfter(PartnerCenterReply reply) {
        Optional<String> header = reply.header("Retry-After").map(String::strip).filter(v -> !v.isEmpty());
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Duration wait = null;
        try {
            long seconds = Long.parseLong(header.get());
            wait = seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                wait = Duration.between(clock.instant(), at.toInstant());
                wait = wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
        if (wait == null) {
            return Optional.empty();
        }
        return Optional.of(wait.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : wait);
    }

    private static ProviderRefusedException refusal(PartnerCenterReply reply, String what) {
        ErrorBody error = error(reply.body());
        if (DECREASE_NOT_ALLOWED.equals(error.code())) {
            return new ProviderRefusedException(WAITING_FOR_WINDOW, "Partner Center error " + DECREASE_NOT_ALLOWED
                    + " (decrease not allowed outside its window) on " + what + ", HTTP " + reply.status()
                    + (error.description() == null ? "" : ": " + error.description()));
        }
        return new ProviderRefusedException(PROVIDER_REJECTED, "Partner Center rejected " + what + ": "
                + describe(reply));
    }

    static String describe(PartnerCenterReply reply) {
        StringBuilder text = new StringBuilder("HTTP ").append(reply.status());
        if (reply.status() == 409) {
            text.append(" (conflict: a renewal in progress)");
        } else if (reply.status() == 429) {
            text.append(" (throttled)");
        }
        ErrorBody error = error(reply.body());
        if (error.code() != null) {
            text.append(", error ").append(error.code());
        }
        if (error.description() != null) {
            text.append(": ").append(error.description());
        }
        return text.toString();
    }

    /** Partner Center's error body: {@code {"code": 800090, "description": "..."}}, or nested in {@code error}. */
    record ErrorBody(String code, String description) {
    }

    static ErrorBody error(String body) {
        JsonNode root = parse(body);
        if (root == null || !root.isObject()) {
            return new ErrorBody(null, null);
        }
        String code = null;
        String description = null;
        for (JsonNode node : new JsonNode[] {root, root.get("error")}) {
            if (node == null || !node.isObject()) {
                continue;
            }
            if (code == null) {
                code = scalar(node, "code").or(() -> scalar(node, "errorCode")).orElse(null);
            }
            if (description == null) {
                description = text(node, "description").or(() -> text(node, "message"))
                        .or(() -> text(node, "errorMessage")).map(PartnerCenterGateway::clean).orElse(null);
            }
        }
        return new ErrorBody(code, description);
    }

    // ---- JSON ----------------------------------------------------------------------------------------

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException notJson) {
            return null;
        }
    }

    static OptionalInt quantityOf(JsonNode resource) {
        JsonNode quantity = resource == null ? null : resource.get("quantity");
        if (quantity != null && quantity.isIntegralNumber() && quantity.canConvertToInt()) {
            return OptionalInt.of(quantity.asInt());
        }
        return OptionalInt.empty();
    }

    private static String withQuantity(ObjectNode resource, int quantity) {
        ObjectNode copy = resource.deepCopy();
        copy.put("quantity", quantity); // in place: every other field, and the order, as Partner Center returned
        return JSON.writeValueAsString(copy);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isString() && !value.asString().isBlank()
                ? Optional.of(value.asString()) : Optional.empty();
    }

    private static Optional<String> scalar(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isIntegralNumber()) {
            return Optional.of(value.bigIntegerValue().toString());
        }
        return value.isString() && !value.asString().isBlank() ? Optional.of(value.asString().strip())
                : Optional.empty();
    }

    private static Optional<URI> uri(String text) {
        try {
            return Optional.of(URI.create(text.strip()));
        } catch (IllegalArgumentException bad) {
            return Optional.empty();
        }
    }

    /** One line, bounded: a description goes into the request's last error and the log. */
    private static String clean(String text) {
        String line = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return line.length() <= MAX_DESCRIPTION ? line : line.substring(0, MAX_DESCRIPTION) + "...";
    }

    private static String ids(ProviderChange change) {
        return "seat change " + change.requestId() + " (customer " + change.customerTenantId() + ", subscription "
                + change.subscriptionId() + ")";
    }
}
