package com.licenserecon.page;

import com.licenserecon.seatchange.StoredRequest;
import com.licenserecon.web.CustomerLicenses.DecreaseWindow;
import com.licenserecon.web.CustomerLicenses.LicenseLine;
import com.licenserecon.web.CustomerLicenses.ProviderSide;
import java.util.List;
import java.util.UUID;

/**
 * One license on the customer page: the admin page's columns, the provider's side, the decrease window in
 * words, and the requests queued on its subscription.
 *
 * @param key        the row's id in the page (an anchor the form returns to)
 * @param changeable whether seats can be requested here: the provider has the subscription, under this
 *                   customer (a CT record may link a subscription the provider lists under another tenant, and a
 *                   request names the tenant the provider is called with)
 * @param open       whether the row is expanded (its form shown)
 * @param openHref   the page with this row expanded (no JavaScript needed); null when not changeable
 * @param closeHref  the page with no row expanded, back at this row
 */
public record LicenseRow(LicenseLine line, String key, boolean changeable, boolean open, String window,
        String windowTone, List<StoredRequest> queued, String openHref, String closeHref) {

    /** A queued request in words, for the expanded row. */
    public record QueuedLine(String change, String requestedBy, String requestedAt, String waitsFrom, String reason) {
    }

    public List<QueuedLine> queuedLines() {
        return queued.stream().map(r -> new QueuedLine(r.kind().label() + " " + r.amount(), r.requestedBy(),
                Times.minute(r.requestedAt()), r.eligibleFrom() == null ? null : Times.day(r.eligibleFrom()),
                r.reason())).toList();
    }

    static LicenseRow of(UUID tenant, LicenseLine line, int index, UUID openSubscription, List<StoredRequest> queued) {
        ProviderSide provider = line.provider();
        boolean changeable = provider != null && line.subscriptionId() != null
                && tenant.equals(provider.customerTenantId());
        boolean open = changeable && line.subscriptionId().equals(openSubscription);
        String key = line.subscriptionId() != null ? "s-" + line.subscriptionId() : "r-" + index;
        DecreaseWindow w = line.decreaseWindow();
        String window;
        String tone;
        if (w == null) {
            window = "";
            tone = "none";
        } else {
            switch (w.state()) {
                case OPEN -> {
                    window = "Open until " + Times.day(w.closes()) + " (" + w.refundableNow() + " refundable)";
                    tone = "open";
                }
                case OPENS -> {
                    window = "Opens on " + Times.day(w.opens()) + ", until " + Times.day(w.closes());
                    tone = "opens";
                }
                case ANY_TIME -> {
                    window = "Any time (legacy)";
                    tone = "open";
                }
                default -> {
                    window = "None";
                    tone = "none";
                }
            }
        }
        String page = "/ui/customers/" + tenant;
        String openHref = changeable ? page + "?open=" + line.subscriptionId() + "#" + key : null;
        return new LicenseRow(line, key, changeable, open, window, tone, queued, openHref, page + "#" + key);
    }

    public String autoRenewText() {
        return line.autoRenew() == null ? "" : line.autoRenew() ? "Yes" : "No";
    }

    public String providerAutoRenewText() {
        return line.provider() == null ? "" : line.provider().autoRenew() ? "Yes" : "No";
    }

    /** The reconciliation's codes one by one, for a list. */
    public List<String> resultCodes() {
        return line.reconciliationResult() == null ? List.of() : List.of(line.reconciliationResult().split(";"));
    }

    /** The queued requests in a few words: {@code Less 5, Additional 2}. */
    public String queuedText() {
        return String.join(", ", queued.stream().map(r -> r.kind().label() + " " + r.amount()).toList());
    }

    public String renewalDate() {
        return Times.date(line.renewalDate());
    }
}
