package com.licenserecon.page;

import com.licenserecon.seatchange.SeatChangeStatus;
import com.licenserecon.seatchange.SeatChangeStore;
import com.licenserecon.seatchange.StoredRequest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
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

/** The seat change queue (OPS, ADMIN): filter by status and customer, cancel a queued request. */
@Controller
@RequestMapping("/ui/seat-changes")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class QueuePageController {

    /** Rows shown at most; a filter narrows the rest. */
    static final int SHOWN = 500;

    private final SeatChangeStore store;
    private final Clock clock;

    public QueuePageController(SeatChangeStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Newest first, so that what was just saved is at the top. Default filter: QUEUED. */
    @GetMapping
    String queue(@RequestParam(required = false) String status, @RequestParam(required = false) String customer,
            Model model) {
        SeatChangeStatus filter = status == null ? SeatChangeStatus.QUEUED : status(status);
        UUID tenant = tenant(customer);
        model.addAttribute("requests", store.newest(filter, tenant, SHOWN));
        model.addAttribute("total", store.count(filter, tenant));
        model.addAttribute("status", filter == null ? "" : filter.name());
        model.addAttribute("customer", tenant == null ? "" : tenant.toString());
        model.addAttribute("statuses", Arrays.stream(SeatChangeStatus.values()).map(Enum::name).toList());
        return "queue";
    }

    /** Only a QUEUED request can be cancelled; the page says so when a run decided it first. */
    @PostMapping("/{id}/cancel")
    String cancel(@PathVariable UUID id, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String status, @RequestParam(required = false) String customer,
            Authentication user, RedirectAttributes redirect) {
        StoredRequest request = store.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "There is no seat change request " + id + "."));
        String why = reason == null || reason.isBlank() ? "cancelled by " + user.getName() : reason.strip();
        if (store.cancel(id, user.getName(), why, clock.instant())) {
            redirect.addFlashAttribute("flash", "Cancelled: " + request.kind().label() + " " + request.amount()
                    + " on " + request.subscriptionId() + ".");
        } else {
            redirect.addFlashAttribute("problem", "Not cancelled: " + store.cancelRefusal(id) + ".");
        }
        UriComponentsBuilder back = UriComponentsBuilder.fromPath("/ui/seat-changes");
        if (status != null) {
            back.queryParam("status", status);
        }
        if (customer != null && !customer.isBlank()) {
            back.queryParam("customer", customer);
        }
        return "redirect:" + back.toUriString();
    }

    /** Blank means every status. */
    private static SeatChangeStatus status(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return SeatChangeStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The status " + text + " is not one of "
                    + Arrays.toString(SeatChangeStatus.values()) + ".");
        }
    }

    private static UUID tenant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The customer filter takes a tenant id (a UUID).");
        }
    }
}
