package com.licenserecon.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.licenserecon.seatchange.ChangeKind;
import com.licenserecon.seatchange.NewSeatChange;
import com.licenserecon.seatchange.SeatChangeDecision;
import com.licenserecon.seatchange.SeatChangeEvent;
import com.licenserecon.seatchange.SeatChangeIntake;
import com.licenserecon.seatchange.SeatChangePreview;
import com.licenserecon.seatchange.SeatChangeStatus;
import com.licenserecon.seatchange.SeatChangeStore;
import com.licenserecon.seatchange.StoredRequest;
import com.licenserecon.seatchange.SubmitResult;
import com.licenserecon.seatchange.SubscriptionSeats;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The seat change queue over HTTP (roles OPS, ADMIN): submit one request as JSON or a batch as CSV, list,
 * read one with its history, cancel, and preview what a run would decide. The requester of a request is
 * always the authenticated user: a {@code requestedBy} in a JSON body and the {@code requested_by} column of
 * a CSV body are ignored.
 */
@RestController
@RequestMapping("/api/seat-changes")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SeatChangeController {

    static final String TEXT_CSV = "text/csv";

    private final SeatChangeIntake intake;
    private final SeatChangeStore store;
    private final SeatChangePreview preview;
    private final SubscriptionSeats seats;
    private final Clock clock;

    public SeatChangeController(SeatChangeIntake intake, SeatChangeStore store, SeatChangePreview preview,
            SubscriptionSeats seats, Clock clock) {
        this.intake = intake;
        this.store = store;
        this.preview = preview;
        this.seats = seats;
        this.clock = clock;
    }

    /** One request. Unknown members, {@code requestedBy} among them, are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SubmitBody(
            @NotNull UUID customerTenantId,
            @NotNull UUID subscriptionId,
            @NotNull @ChangeWord String change,
            @NotNull @Positive @Digits(integer = 9, fraction = 0, message = "must be a whole number of seats")
            BigDecimal amount,
            Instant requestedAt,
            @Size(max = 500) String requestKey,
            @Size(max = 4000) String note) {

        NewSeatChange toChange(String requester) {
            return new NewSeatChange(customerTenantId, subscriptionId, ChangeKind.parse(change).orElseThrow(),
                    amount.intValueExact(), requester, requestedAt, blankToNull(requestKey), blankToNull(note));
        }
    }

    public record CancelBody(@Size(max = 1000) String reason) {
    }

    public record PreviewBody(
            @NotNull UUID subscriptionId,
            @NotNull @ChangeWord String change,
            @NotNull @Positive @Digits(integer = 9, fraction = 0, message = "must be a whole number of seats")
            BigDecimal amount,
            Instant asOf) {
    }

    /** A stored request. */
    public record SeatChangeView(UUID requestId, String requestKey, UUID customerTenantId, UUID subscriptionId,
            String skuPartNumber, String change, int amount, String requestedBy, Instant requestedAt, String note,
            SeatChangeStatus status, String reasonCode, String reason, Integer quantityBefore, Integer quantityAfter,
            Instant eligibleFrom, Instant windowCloses, Instant decidedAt) {

        static SeatChangeView of(StoredRequest r) {
            return new SeatChangeView(r.requestId(), r.requestKey(), r.customerTenantId(), r.subscriptionId(),
                    r.skuPartNumber(), r.kind().label(), r.amount(), r.requestedBy(), r.requestedAt(), r.note(),
                    r.status(), r.reasonCode(), r.reason(), r.quantityBefore(), r.quantityAfter(), r.eligibleFrom(),
                    r.windowCloses(), r.decidedAt());
        }
    }

    /** A stored request and every change of its state, oldest first. */
    public record SeatChangeDetails(SeatChangeView request, List<SeatChangeEvent> history) {
    }

    /** What a CSV batch did. */
    public record BatchResult(List<UUID> queued, int skipped) {
    }

    /**
     * What a run at {@code asOf} would decide for the request, after every request already queued.
     *
     * @param queuedBefore queued requests on the same subscription that the run decides first
     */
    public record PreviewResult(Instant asOf, long snapshotId, UUID subscriptionId, String change, int amount,
            SeatChangeStatus status, String reasonCode, Integer quantityBefore, Integer quantityAfter,
            Instant eligibleFrom, Instant windowCloses, String reason, int queuedBefore) {
    }

    /** 201 and the new request; 200 and the existing one when its requestKey was seen before. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<SeatChangeView> submit(@Valid @RequestBody SubmitBody body, Principal user) {
        NewSeatChange change = body.toChange(user.getName());
        SubmitResult result;
        try {
            result = intake.submit(change, user.getName());
        } catch (DuplicateKeyException sameKeyMeanwhile) {
            // Another call with the same key won the race: that one is the request.
            return ResponseEntity.ok(existing(change.requestKey()));
        }
        if (result.queued().isEmpty()) {
            return ResponseEntity.ok(existing(change.requestKey()));
        }
        UUID id = result.queued().get(0).requestId();
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(id).toUri();
        return ResponseEntity.created(location).body(SeatChangeView.of(store.find(id).orElseThrow()));
    }

    /** A batch in the seat change file format, all or nothing; the requested_by column is optional and ignored. */
    @PostMapping(consumes = {TEXT_CSV, "application/csv"})
    public ResponseEntity<BatchResult> submitCsv(HttpServletRequest request, Principal user) throws Exception {
        SubmitResult result = CsvUpload.read(request.getInputStream(), file -> intake.submitAs(file, user.getName()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new BatchResult(
                result.queued().stream().map(SubmitResult.Queued::requestId).toList(), result.skipped()));
    }

    @GetMapping
    public List<SeatChangeView> list(@RequestParam(required = false) String status,
            @RequestParam(required = false) UUID customer) {
        return store.list(status(status), customer).stream().map(SeatChangeView::of).toList();
    }

    @GetMapping("/{id}")
    public SeatChangeDetails get(@PathVariable UUID id) {
        return details(id);
    }

    /** Only a QUEUED request not being sent right now can be cancelled (409 otherwise); the canceller is the authenticated user. */
    @PostMapping("/{id}/cancel")
    public SeatChangeDetails cancel(@PathVariable UUID id, @Valid @RequestBody(required = false) CancelBody body,
            Principal user) {
        store.find(id).orElseThrow(() -> notFound(id));
        String reason = body == null || body.reason() == null || body.reason().isBlank()
                ? "cancelled by " + user.getName() : body.reason().strip();
        if (!store.cancel(id, user.getName(), reason, clock.instant())) {
            String why = store.cancelRefusal(id);
            throw Problems.conflict(Character.toUpperCase(why.charAt(0)) + why.substring(1) + ".");
        }
        return details(id);
    }

    /**
     * What a run at {@code asOf} (default now) would decide for this request on the latest provider data, after
     * the requests already queued; nothing is queued or changed. 409 when there is no provider data yet.
     */
    @PostMapping(path = "/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    public PreviewResult preview(@Valid @RequestBody PreviewBody body) {
        long snapshot = seats.latestSnapshot().orElseThrow(() -> Problems.conflict(
                "There is no provider data yet: a seat change can be previewed after the first sync."));
        Instant asOf = body.asOf() == null ? clock.instant() : body.asOf();
        ChangeKind kind = ChangeKind.parse(body.change()).orElseThrow();
        int amount = body.amount().intValueExact();
        SeatChangePreview.NewRequest predicted = preview.newRequest(snapshot, body.subscriptionId(), kind, amount, asOf);
        SeatChangeDecision decision = predicted.decision();
        int queuedBefore = predicted.queuedBefore();
        return new PreviewResult(asOf, snapshot, body.subscriptionId(), kind.label(), amount, decision.status(),
                decision.reasonCode() == null ? null : decision.reasonCode().name(), decision.quantityBefore(),
                decision.quantityAfter(), decision.eligibleFrom(), decision.windowCloses(), decision.reason(),
                queuedBefore);
    }

    private SeatChangeDetails details(UUID id) {
        StoredRequest request = store.find(id).orElseThrow(() -> notFound(id));
        return new SeatChangeDetails(SeatChangeView.of(request), store.history(id));
    }

    private SeatChangeView existing(String requestKey) {
        return SeatChangeView.of(store.findByKey(requestKey).orElseThrow());
    }

    private static SeatChangeStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return SeatChangeStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("status", "is not one of " + Arrays.toString(SeatChangeStatus.values()));
        }
    }

    private static RuntimeException notFound(UUID id) {
        return Problems.notFound("There is no seat change request " + id + ".");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
