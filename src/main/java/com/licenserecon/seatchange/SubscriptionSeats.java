package com.licenserecon.seatchange;

import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.provider.RefundableBatch;
import com.licenserecon.reconcile.ReconciliationQuery;
import com.licenserecon.reconcile.ReconciliationRules;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A subscription's seats as the seat change rules see them: its row in the provider snapshot and the
 * CT record that bills it. Applied changes are written back, so later decisions see the new quantity.
 */
@Repository
public class SubscriptionSeats {

    private final JdbcClient jdbc;

    public SubscriptionSeats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest provider snapshot whose import was accepted: "the latest provider data". */
    public Optional<Long> latestSnapshot() {
        return jdbc.sql("SELECT MAX(snapshot_id) FROM provider_snapshot WHERE accepted = TRUE")
                .query(Long.class).optional();
    }

    public void accept(long snapshotId) {
        jdbc.sql("UPDATE provider_snapshot SET accepted = TRUE WHERE snapshot_id = ?").param(snapshotId).update();
    }

    public Optional<ProviderSubscription> subscription(long snapshotId, UUID subscriptionId) {
        return jdbc.sql(ReconciliationQuery.PROVIDER_SELECT + " WHERE p.snapshot_id = ? AND p.subscription_id = ?")
                .params(snapshotId, subscriptionId)
                .query(ReconciliationQuery.PROVIDER_ROW)
                .optional();
    }

    /**
     * The CT record billing the subscription, by the reconciliation's matching: linked by id, or the one
     * unlinked record of its (tenant, SKU) when that pair has exactly one unclaimed subscription.
     */
    public Optional<String> billingRecord(long snapshotId, ProviderSubscription subscription) {
        Optional<String> linked = jdbc.sql("SELECT ct_license_id FROM ct_license WHERE subscription_id = ?")
                .param(subscription.subscriptionId()).query(String.class).optional();
        if (linked.isPresent()) {
            return linked;
        }
        List<String> unlinked = jdbc.sql("""
                SELECT ct_license_id FROM ct_license
                WHERE subscription_id IS NULL AND customer_tenant_id = ? AND sku_part_number = ?""")
                .params(subscription.customerTenantId(), subscription.skuPartNumber()).query(String.class).list();
        long candidates = jdbc.sql("""
                SELECT COUNT(*) FROM provider_subscription p
                WHERE p.snapshot_id = ? AND p.customer_tenant_id = ? AND p.sku_part_number = ?
                  AND NOT EXISTS (SELECT 1 FROM ct_license c WHERE c.subscription_id = p.subscription_id)""")
                .params(snapshotId, subscription.customerTenantId(), subscription.skuPartNumber())
                .query(Long.class).single();
        return ReconciliationRules.unlinkedMatch(unlinked.size(), candidates) == ReconciliationRules.UnlinkedMatch.ONE
                ? Optional.of(unlinked.get(0)) : Optional.empty();
    }

    /**
     * Moves the provider quantity (and the refundable batches) and the CT record's ct_licenses by the same
     * amount, so a difference that existed before stays visible to finance; the record stops at 0
     * ({@link SeatChangeRules#ctLicensesAfter}).
     */
    public void applyChange(long snapshotId, UUID subscriptionId, int quantityAfter, String refundableAfter,
            String ctLicenseId, int delta) {
        jdbc.sql("UPDATE provider_subscription SET quantity = ?, refundable = ? WHERE snapshot_id = ? AND subscription_id = ?")
                .params(quantityAfter, refundableAfter, snapshotId, subscriptionId).update();
        int ctLicenses = jdbc.sql("SELECT ct_licenses FROM ct_license WHERE ct_license_id = ? FOR UPDATE")
                .param(ctLicenseId).query(Integer.class).single();
        jdbc.sql("UPDATE ct_license SET ct_licenses = ? WHERE ct_license_id = ?")
                .params(SeatChangeRules.ctLicensesAfter(ctLicenses, delta), ctLicenseId).update();
    }

    public static String refundableText(SeatState state) {
        return state.refundable().isEmpty() ? null : RefundableBatch.format(state.refundable());
    }
}
