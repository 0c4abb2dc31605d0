package com.licenserecon.web;

import com.licenserecon.ctlicense.CtLicense;
import com.licenserecon.ctlicense.CtStatus;
import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.reconcile.ReconciliationQuery;
import com.licenserecon.seatchange.RenewalWindow;
import com.licenserecon.seatchange.SeatState;
import com.licenserecon.seatchange.SubscriptionSeats;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * One customer's licenses as ops and finance look at them: each CT license record (the admin page's columns)
 * beside the subscription that the reconciliation matches to it in the latest provider snapshot, with its
 * quantity, assigned seats, status, commitment and the state of the decrease window; then the customer's
 * provider subscriptions that no CT record bills (new licenses, not billed yet).
 */
@Service
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class CustomerLicenses {

    /** How the two sides were matched (the reconciliation's matching). */
    public enum Match {
        /** The CT record names the subscription by id. */
        LINKED,
        /** The CT record has no subscription id; it is the one record of its tenant and SKU for the one free subscription. */
        UNLINKED,
        /** The CT record bills nothing in the latest provider data (missing there, or an ambiguous unlinked record). */
        NO_PROVIDER_SUBSCRIPTION,
        /** A provider subscription that no CT record bills. */
        NOT_BILLED
    }

    /** Where a subscription's seat decreases stand at the as-of instant. */
    public enum WindowState {
        /** NCE: some seats are refundable now, until {@code closes}. */
        OPEN,
        /** NCE: the next renewal window, from {@code opens} to {@code closes}. */
        OPENS,
        /** No window: auto-renew off, the subscription is not active, or the provider data is stale. */
        NONE,
        /** LEGACY: seats may be decreased at any time. */
        ANY_TIME
    }

    public record CustomerView(UUID customerTenantId, String customerName, Instant asOf, Long snapshotId,
            List<LicenseLine> licenses) {
    }

    /**
     * One row: a CT record and its provider subscription, or a provider subscription alone ({@code billed=false}).
     * The CT columns are null on a provider-only row; {@code provider} is null when nothing at the provider matches.
     * {@code reconciliationResult} is the row's {@code result} in the latest reconciliation ({@code OK} or its codes
     * joined by {@code ;}); null when that reconciliation did not have the row (a record loaded since).
     */
    public record LicenseLine(String ctLicenseId, UUID subscriptionId, String skuPartNumber, String displayName,
            Integer ctLicenses, LocalDate renewalDate, CtStatus status, Boolean autoRenew, boolean billed,
            Match match, ProviderSide provider, DecreaseWindow decreaseWindow, String reconciliationResult) {
    }

    /** The latest provider snapshot's view of the subscription. */
    public record ProviderSide(UUID subscriptionId, UUID customerTenantId, String displayName, int quantity, Integer assigned,
            Integer unusedSeats, String status, String commitment, boolean autoRenew, String termDuration,
            LocalDate termEnd, LocalDate renewalDate) {

        static ProviderSide of(ProviderSubscription s) {
            return new ProviderSide(s.subscriptionId(), s.customerTenantId(), s.displayName(), s.quantity(), s.assigned(), s.unusedSeats(),
                    s.status().wireValue(), s.commitment().name(), s.autoRenew(), s.termDuration(), s.termEnd(),
                    s.renewalDate());
        }
    }

    /**
     * @param refundableNow NCE seats that may be removed now (OPEN only)
     * @param summary       the state in words, for a person
     */
    public record DecreaseWindow(WindowState state, Instant opens, Instant closes, Integer refundableNow,
            String summary) {
    }

    /** Far enough to reach any renewal: the window state is not limited to the report's horizon. */
    private static final Duration ANY_RENEWAL = Duration.ofDays(365L * 10);

    private final JdbcClient jdbc;
    private final SubscriptionSeats seats;

    public CustomerLicenses(JdbcClient jdbc, SubscriptionSeats seats) {
        this.jdbc = jdbc;
        this.seats = seats;
    }

    /** @return empty when neither a CT record nor the latest provider data knows the tenant */
    public Optional<CustomerView> of(UUID tenant, Instant asOf) {
        List<CtLicense> records = ctRecords(tenant);
        Long snapshot = seats.latestSnapshot().orElse(null);
        List<ProviderSubscription> subscriptions = snapshot == null ? List.of() : providerSubscriptions(snapshot, tenant);
        if (records.isEmpty() && subscriptions.isEmpty()) {
            return Optional.empty();
        }
        // Which CT record bills each of the tenant's subscriptions, by the reconciliation's matching; read for the
        // whole tenant at once, so a customer with hundreds of licenses costs a fixed number of queries.
        Map<UUID, String> billedBy = snapshot == null ? Map.of() : seats.billingRecords(snapshot, tenant);
        Map<String, ProviderSubscription> byRecord = new HashMap<>();
        for (ProviderSubscription s : subscriptions) {
            String record = billedBy.get(s.subscriptionId());
            if (record != null) {
                byRecord.put(record, s);
            }
        }
        // Linked to a subscription the provider lists under another tenant.
        Map<UUID, ProviderSubscription> elsewhere = snapshot == null ? Map.of() : linkedElsewhere(snapshot, tenant);
        Map<String, String> results = snapshot == null ? Map.of() : results(snapshot, tenant);

        List<LicenseLine> lines = new ArrayList<>();
        for (CtLicense c : records) {
            ProviderSubscription s = byRecord.get(c.ctLicenseId());
            if (s == null && c.isLinked()) {
                s = elsewhere.get(c.subscriptionId());
            }
            Match match = s == null ? Match.NO_PROVIDER_SUBSCRIPTION : c.isLinked() ? Match.LINKED : Match.UNLINKED;
            lines.add(new LicenseLine(c.ctLicenseId(), s != null ? s.subscriptionId() : c.subscriptionId(),
                    c.skuPartNumber(), c.displayName(), c.ctLicenses(), c.renewalDate(), c.status(), c.autoRenew(),
                    true, match, s == null ? null : ProviderSide.of(s), s == null ? null : window(s, asOf),
                    results.get(RECORD + c.ctLicenseId())));
        }
        Set<String> recordIds = records.stream().map(CtLicense::ctLicenseId).collect(Collectors.toSet());
        for (ProviderSubscription s : subscriptions) {
            String record = billedBy.get(s.subscriptionId());
            if (record != null && recordIds.contains(record)) {
                continue;
            }
            // Not billed; or linked by id from a CT record of another tenant (a data error the reconciliation
            // shows as a matched pair): that record is on its own tenant's page, its id is shown here.
            lines.add(new LicenseLine(record, s.subscriptionId(), s.skuPartNumber(), s.displayName(),
                    null, null, null, null, record != null,
                    record != null ? Match.LINKED : Match.NOT_BILLED, ProviderSide.of(s), window(s, asOf),
                    results.get(record != null ? RECORD + record : SUBSCRIPTION + s.subscriptionId())));
        }
        String customerName = subscriptions.stream().map(ProviderSubscription::customerName).filter(Objects::nonNull)
                .findFirst().orElse(null);
        return Optional.of(new CustomerView(tenant, customerName, asOf, snapshot, lines));
    }

    static DecreaseWindow window(ProviderSubscription subscription, Instant asOf) {
        SeatState state = SeatState.of(subscription);
        if (!state.isActive()) {
            return new DecreaseWindow(WindowState.NONE, null, null, null, "The subscription is "
                    + state.status().wireValue() + ": seats can only be changed on an active subscription.");
        }
        if (!state.isNce()) {
            return new DecreaseWindow(WindowState.ANY_TIME, null, null, null,
                    "Legacy subscription: seats can be decreased at any time, down to the assigned seats.");
        }
        Optional<RenewalWindow> window = RenewalWindow.of(state, asOf, ANY_RENEWAL);
        if (window.isPresent() && window.get().openNow()) {
            int refundable = state.refundableAt(asOf);
            return new DecreaseWindow(WindowState.OPEN, window.get().opens(), window.get().closes(), refundable,
                    "Open now until " + window.get().closes() + ": " + refundable + " seats may be removed.");
        }
        if (window.isPresent()) {
            return new DecreaseWindow(WindowState.OPENS, window.get().opens(), window.get().closes(), null,
                    "Opens at the renewal on " + window.get().opens() + ", closes " + window.get().closes() + ".");
        }
        String why = !state.autoRenew()
                ? "Auto-renew is off: the subscription ends after " + state.termEnd() + " with no renewal window."
                : "The term ended on " + state.termEnd() + ": the provider data does not show the renewal yet.";
        return new DecreaseWindow(WindowState.NONE, null, null, null, why);
    }

    private List<CtLicense> ctRecords(UUID tenant) {
        return jdbc.sql("""
                SELECT ct_license_id, customer_tenant_id, subscription_id, sku_part_number, display_name, ct_licenses,
                       renewal_date, status, auto_renew, unit_price, currency
                FROM ct_license WHERE customer_tenant_id = ? ORDER BY display_name, ct_license_id""")
                .param(tenant)
                .query((rs, i) -> new CtLicense(rs.getString("ct_license_id"),
                        rs.getObject("customer_tenant_id", UUID.class), rs.getObject("subscription_id", UUID.class),
                        rs.getString("sku_part_number"), rs.getString("display_name"), rs.getInt("ct_licenses"),
                        rs.getObject("renewal_date", LocalDate.class), CtStatus.valueOf(rs.getString("status")),
                        rs.getBoolean("auto_renew"), rs.getBigDecimal("unit_price"), rs.getString("currency")))
                .list();
    }

    /** Subscriptions of other tenants that this tenant's CT records link by id, by subscription id. */
    private Map<UUID, ProviderSubscription> linkedElsewhere(long snapshot, UUID tenant) {
        Map<UUID, ProviderSubscription> found = new HashMap<>();
        jdbc.sql(ReconciliationQuery.PROVIDER_SELECT + " WHERE p.snapshot_id = ? AND p.customer_tenant_id <> ?"
                        + " AND p.subscription_id IN (SELECT c.subscription_id FROM ct_license c"
                        + " WHERE c.customer_tenant_id = ? AND c.subscription_id IS NOT NULL)")
                .params(snapshot, tenant, tenant)
                .query(ReconciliationQuery.PROVIDER_ROW)
                .list()
                .forEach(s -> found.put(s.subscriptionId(), s));
        return found;
    }

    private static final String RECORD = "ct:";
    private static final String SUBSCRIPTION = "sub:";

    /**
     * The tenant's rows of the reconciliation of the snapshot the page shows, keyed by CT record ({@value #RECORD}id)
     * or, for a subscription no record bills, by subscription ({@value #SUBSCRIPTION}id). The same snapshot, so codes
     * never stand beside quantities they were not computed from (a night that failed before reconciling has none).
     */
    private Map<String, String> results(long snapshot, UUID tenant) {
        Map<String, String> results = new HashMap<>();
        jdbc.sql("""
                SELECT ct_license_id, subscription_id, result FROM reconciliation_result
                WHERE snapshot_id = ? AND customer_tenant_id = ?""")
                .params(snapshot, tenant)
                .query(rs -> {
                    String record = rs.getString("ct_license_id");
                    UUID subscription = rs.getObject("subscription_id", UUID.class);
                    results.put(record != null ? RECORD + record : SUBSCRIPTION + subscription, rs.getString("result"));
                });
        return results;
    }

    private List<ProviderSubscription> providerSubscriptions(long snapshot, UUID tenant) {
        return jdbc.sql(ReconciliationQuery.PROVIDER_SELECT
                        + " WHERE p.snapshot_id = ? AND p.customer_tenant_id = ?"
                        + " ORDER BY p.display_name, p.sku_part_number, p.subscription_id")
                .params(snapshot, tenant)
                .query(ReconciliationQuery.PROVIDER_ROW)
                .list();
    }
}
