package com.licenserecon.page;

import com.licenserecon.seatchange.NewSeatChange;
import com.licenserecon.seatchange.SeatChangeIntake;
import com.licenserecon.seatchange.SeatChangePreview;
import com.licenserecon.seatchange.SeatChangeStatus;
import com.licenserecon.seatchange.SeatChangeStore;
import com.licenserecon.seatchange.StoredRequest;
import com.licenserecon.seatchange.SubmitResult;
import com.licenserecon.web.CustomerLicenses;
import com.licenserecon.web.CustomerLicenses.CustomerView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The pages ops know from the reseller's admin page: find a customer, list its licenses, expand one, enter an
 * Amount, choose Additional or Less. Unlike the old page, "Preview" first shows what the seat change rules will
 * do and when, and only then offers "Save", which queues the request. Works without JavaScript: the expanded row
 * and the preview are links and forms the server renders.
 */
@Controller
@RequestMapping("/ui")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class CustomerPageController {

    private final CustomerSearch search;
    private final CustomerLicenses licenses;
    private final SeatChangePreview preview;
    private final SeatChangeIntake intake;
    private final SeatChangeStore store;
    private final NextRun nextRun;
    private final Clock clock;

    public CustomerPageController(CustomerSearch search, CustomerLicenses licenses, SeatChangePreview preview,
            SeatChangeIntake intake, SeatChangeStore store, NextRun nextRun, Clock clock) {
        this.search = search;
        this.licenses = licenses;
        this.preview = preview;
        this.intake = intake;
        this.store = store;
        this.nextRun = nextRun;
        this.clock = clock;
    }

    @GetMapping({"", "/"})
    String home() {
        return "redirect:/ui/customers";
    }

    @GetMapping("/customers")
    String find(@RequestParam(required = false) String q, Model model) {
        String text = q == null ? "" : q.strip();
        model.addAttribute("q", text);
        if (!text.isEmpty()) {
            List<CustomerSearch.Found> found = search.find(text);
            // A whole tenant id names one customer: go straight to it.
            if (found.size() == 1 && found.get(0).tenantId().toString().equalsIgnoreCase(text)) {
                return "redirect:/ui/customers/" + found.get(0).tenantId();
            }
            model.addAttribute("found", found.stream().limit(CustomerSearch.LIMIT).toList());
            model.addAttribute("more", found.size() > CustomerSearch.LIMIT);
        }
        return "customers";
    }

    /**
     * The customer's licenses. {@code open} expands one; with {@code change} and {@code amount} as well (the
     * Preview button), the expanded row shows what the rules predict.
     */
    @GetMapping("/customers/{tenant}")
    String customer(@PathVariable UUID tenant, @RequestParam(required = false) UUID open,
            @RequestParam(required = false) String change, @RequestParam(required = false) String amount,
            @RequestParam(required = false) String note, Authentication user, Model model) {
        SeatChangeForm form = new SeatChangeForm(change, amount, note);
        Viewer viewer = Viewer.of(user);
        PageState state = page(tenant, open, model);
        if (viewer.canQueue() && open != null && form.submitted()) {
            predict(state, open, form, model);
        }
        model.addAttribute("form", form);
        return "customer";
    }

    /** Queues the previewed change (OPS, ADMIN), then shows it in the queue of its license. */
    @PostMapping("/customers/{tenant}/seat-changes")
    String save(@PathVariable UUID tenant, @RequestParam UUID subscriptionId,
            @RequestParam(required = false) String change, @RequestParam(required = false) String amount,
            @RequestParam(required = false) String note, @RequestParam(required = false) String requestKey,
            Authentication user, Model model, RedirectAttributes redirect) {
        SeatChangeForm form = new SeatChangeForm(change, amount, note);
        PageState state = page(tenant, subscriptionId, model);
        model.addAttribute("form", form);
        Optional<PredictedOutcome> outcome = predict(state, subscriptionId, form, model);
        if (outcome.isEmpty() || !outcome.get().saveOffered()) {
            // Invalid, or a change the run would refuse: the page says why, and nothing is queued.
            model.addAttribute("notSaved", true);
            return "customer";
        }
        NewSeatChange request = new NewSeatChange(tenant, subscriptionId, form.kind().orElseThrow(),
                form.seats().orElseThrow(), user.getName(), null, blankToNull(requestKey), form.noteOrNull());
        SubmitResult result = intake.submit(request, user.getName());
        // A Save sent twice (a reload, a double click) carries the same key: the first request is the one.
        UUID id = result.queued().isEmpty()
                ? store.findByKey(request.requestKey()).orElseThrow().requestId()
                : result.queued().get(0).requestId();
        redirect.addFlashAttribute("savedId", id.toString());
        redirect.addFlashAttribute("savedOutcome", outcome.get().headline());
        return "redirect:" + UriComponentsBuilder.fromPath("/ui/customers/{tenant}")
                .queryParam("open", subscriptionId).fragment("s-" + subscriptionId)
                .buildAndExpand(tenant).toUriString();
    }

    private record PageState(CustomerView view, List<LicenseRow> rows) {

        Optional<LicenseRow> row(UUID subscriptionId) {
            return rows.stream().filter(r -> r.changeable() && r.line().subscriptionId().equals(subscriptionId))
                    .findFirst();
        }
    }

    private PageState page(UUID tenant, UUID open, Model model) {
        Instant now = clock.instant();
        CustomerView view = licenses.of(tenant, now).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "Neither a CT license record nor the latest provider data knows the tenant "
                        + tenant + "."));
        Map<UUID, List<StoredRequest>> queued = store.list(SeatChangeStatus.QUEUED, tenant).stream()
                .collect(Collectors.groupingBy(StoredRequest::subscriptionId));
        List<LicenseRow> rows = new ArrayList<>(view.licenses().size());
        for (int i = 0; i < view.licenses().size(); i++) {
            var line = view.licenses().get(i);
            rows.add(LicenseRow.of(tenant, line, i, open, line.subscriptionId() == null ? List.of()
                    : queued.getOrDefault(line.subscriptionId(), List.of())));
        }
        model.addAttribute("customer", view);
        model.addAttribute("rows", rows);
        model.addAttribute("queuedCount", queued.values().stream().mapToInt(List::size).sum());
        model.addAttribute("asOf", Times.minute(now));
        nextRun.after(now).ifPresent(next -> model.addAttribute("nextRun", Times.minute(next)));
        return new PageState(view, rows);
    }

    /** The rules' prediction for the form on the subscription, at the next scheduled run; empty when invalid. */
    private Optional<PredictedOutcome> predict(PageState state, UUID subscriptionId, SeatChangeForm form, Model model) {
        if (state.row(subscriptionId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "The subscription " + subscriptionId + " is not one of this customer's licenses.");
        }
        Map<String, String> errors = form.errors();
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            return Optional.empty();
        }
        Long snapshot = state.view().snapshotId();
        if (snapshot == null) {
            model.addAttribute("errors", Map.of("amount", "There is no provider data yet: preview after the first sync."));
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant at = nextRun.after(now).orElse(now);
        PredictedOutcome outcome = PredictedOutcome.of(preview.newRequest(snapshot, subscriptionId,
                form.kind().orElseThrow(), form.seats().orElseThrow(), at), at);
        model.addAttribute("outcome", outcome);
        // A fresh key for this Save: a second send of the same form queues nothing more.
        model.addAttribute("requestKey", "ui-" + UUID.randomUUID());
        return Optional.of(outcome);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
