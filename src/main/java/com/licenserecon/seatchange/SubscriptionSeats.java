package com.licenserecon.seatchange;

import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.provider.RefundableBatch;
import com.licenserecon.reconcile.ReconciliationQuery;
import com.licenserecon.reconcile.ReconciliationRules;
import com.licenserecon.sync.Databases;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A subscription's seats as the seat change rules see them: its row in the provider snapshot and the
 * CT record that bills it. Applied changes are written back, so later decisions see the new quantity.
 */
@Repository
public class SubscriptionSeats {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    /** How an applied change writes the provider row back: on PostgreSQL it also drops the refund schedule. */
    private final String updateProviderRow;

    public SubscriptionSeats(JdbcClient jdbc, JdbcTemplate jdbcTemplate, DataSource dataSource) throws SQLException {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        // The schedule (sql/postgresql/V12) was built from the batches the import read; once they change it
        // would say the old ones. NULL makes the renewal-windows report read the new refundable text instead.
        this.updateProviderRow = "UPDATE provider_subscription SET quantity = ?, refundable = ?"
                + (Databases.isPostgres(dataSource)
                        ? ", refund_untils = NULL, refund_seats_from = NULL, refund_deadlines = NULL" : "")
                + " WHERE snapshot_id = ? AND subscription_id = ?";
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
     * {@link #subscription} for several ids in one query (a run reads a chunk's subscriptions at once).
     *
     * @return the subscriptions found, by id; an id not in the snapshot is absent
     */
    public Map<UUID, ProviderSubscription> subscriptions(long snapshotId, Collection<UUID> subscriptionIds) {
        Map<UUID, ProviderSubscription> found = new HashMap<>();
        if (subscriptionIds.isEmpty()) {
            return found;
        }
        jdbc.sql(ReconciliationQuery.PROVIDER_SELECT + " WHERE p.snapshot_id = ? AND p.subscription_id = ANY(?)")
                .params(snapshotId, SqlArrays.uuids(subscriptionIds))
                .query(ReconciliationQuery.PROVIDER_ROW)
                .list()
                .forEach(s -> found.put(s.subscriptionId(), s));
        return found;
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
        return unlinkedRecord(unlinked, candidates);
    }

    /**
     * {@link #billingRecord} for every subscription of one tenant in the snapshot, in three queries whatever the
     * number of subscriptions (a page lists a customer with hundreds of licenses).
     *
     * @return the billing CT record by subscription id; a subscription that no record bills is absent
     */
    public Map<UUID, String> billingRecords(long snapshotId, UUID tenant) {
        Map<UUID, String> linked = new HashMap<>();
        jdbc.sql("""
                SELECT c.subscription_id, c.ct_license_id FROM ct_license c
                WHERE c.subscription_id IN (SELECT p.subscription_id FROM provider_subscription p
                                            WHERE p.snapshot_id = ? AND p.customer_tenant_id = ?)""")
                .params(snapshotId, tenant)
                .query(rs -> {
                    linked.put(rs.getObject("subscription_id", UUID.class), rs.getString("ct_license_id"));
                });
        Map<String, List<String>> unlinkedBySku = new HashMap<>();
        jdbc.sql("""
                SELECT sku_part_number, ct_license_id FROM ct_license
                WHERE subscription_id IS NULL AND customer_tenant_id = ?""")
                .param(tenant)
                .query(rs -> {
                    unlinkedBySku.computeIfAbsent(rs.getString("sku_part_number"), sku -> new ArrayList<>())
                            .add(rs.getString("ct_license_id"));
                });
        Map<String, Long> candidatesBySku = new HashMap<>();
        Map<UUID, String> skuBySubscription = new HashMap<>();
        jdbc.sql("""
                SELECT p.subscription_id, p.sku_part_number,
                       NOT EXISTS (SELECT 1 FROM ct_license c WHERE c.subscription_id = p.subscription_id) AS unclaimed
                FROM provider_subscription p WHERE p.snapshot_id = ? AND p.customer_tenant_id = ?""")
                .params(snapshotId, tenant)
                .query(rs -> {
                    String sku = rs.getString("sku_part_number");
                    skuBySubscription.put(rs.getObject("subscription_id", UUID.class), sku);
                    if (rs.getBoolean("unclaimed")) {
                        candidatesBySku.merge(sku, 1L, Long::sum);
                    }
                });
        Map<UUID, String> billing = new HashMap<>();
        skuBySubscription.forEach((subscription, sku) -> {
            String record = linked.get(subscription);
            Optional<String> found = record != null ? Optional.of(record)
                    : unlinkedRecord(unlinkedBySku.getOrDefault(sku, List.of()), candidatesBySku.getOrDefault(sku, 0L));
            found.ifPresent(id -> billing.put(subscription, id));
        });
        return billing;
    }

    /**
     * {@link #billingRecord} for several subscriptions of the snapshot in at most three queries: those linked by
     * id, then, for the others, the unlinked records and the unclaimed subscriptions of their tenants.
     *
     * @return the billing CT record by subscription id; a subscription that no record bills is absent
     */
    public Map<UUID, String> billingRecords(long snapshotId, Collection<ProviderSubscription> subscriptions) {
        Map<UUID, String> billing = new HashMap<>();
        if (subscriptions.isEmpty()) {
            return billing;
        }
        jdbc.sql("SELECT subscription_id, ct_license_id FROM ct_license WHERE subscription_id = ANY(?)")
                .param(SqlArrays.uuids(subscriptions.stream().map(ProviderSubscription::subscriptionId).toList()))
                .query(rs -> {
                    billing.put(rs.getObject("subscription_id", UUID.class), rs.getString("ct_license_id"));
                });
        List<ProviderSubscription> unlinked = subscriptions.stream()
                .filter(s -> !billing.containsKey(s.subscriptionId())).toList();
        if (unlinked.isEmpty()) {
            return billing;
        }
        // By (tenant, SKU) pair; reading whole tenants keeps it to one query each, and a tenant has few records.
        List<UUID> tenants = unlinked.stream().map(ProviderSubscription::customerTenantId).distinct().toList();
        Map<Pair, List<String>> unlinkedByPair = new HashMap<>();
        jdbc.sql("""
                SELECT customer_tenant_id, sku_part_number, ct_license_id FROM ct_license
                WHERE subscription_id IS NULL AND customer_tenant_id = ANY(?)""")
                .param(SqlArrays.uuids(tenants))
                .query(rs -> {
                    unlinkedByPair.computeIfAbsent(new Pair(rs.getObject("customer_tenant_id", UUID.class),
                            rs.getString("sku_part_number")), pair -> new ArrayList<>()).add(rs.getString("ct_license_id"));
                });
        Map<Pair, Long> candidatesByPair = new HashMap<>();
        jdbc.sql("""
                SELECT p.customer_tenant_id, p.sku_part_number, COUNT(*) AS candidates FROM provider_subscription p
                WHERE p.snapshot_id = ? AND p.customer_tenant_id = ANY(?)
                  AND NOT EXISTS (SELECT 1 FROM ct_license c WHERE c.subscription_id = p.subscription_id)
                GROUP BY p.customer_tenant_id, p.sku_part_number""")
                .params(snapshotId, SqlArrays.uuids(tenants))
                .query(rs -> {
                    candidatesByPair.put(new Pair(rs.getObject("customer_tenant_id", UUID.class),
                            rs.getString("sku_part_number")), rs.getLong("candidates"));
                });
        for (ProviderSubscription s : unlinked) {
            Pair pair = new Pair(s.customerTenantId(), s.skuPartNumber());
            unlinkedRecord(unlinkedByPair.getOrDefault(pair, List.of()), candidatesByPair.getOrDefault(pair, 0L))
                    .ifPresent(record -> billing.put(s.subscriptionId(), record));
        }
        return billing;
    }

    private record Pair(UUID tenant, String sku) {
    }

    /** The reconciliation's rule for an unlinked record: it bills only as the one record of its pair for the one free subscription. */
    private static Optional<String> unlinkedRecord(List<String> unlinkedOfPair, long candidates) {
        return ReconciliationRules.unlinkedMatch(unlinkedOfPair.size(), candidates) == ReconciliationRules.UnlinkedMatch.ONE
                ? Optional.of(unlinkedOfPair.get(0)) : Optional.empty();
    }

    /** One applied change to write back: the provider row's new quantity and batches, and the billing record's move. */
    public record AppliedChange(long snapshotId, UUID subscriptionId, int quantityAfter, String refundableAfter,
            String ctLicenseId, int delta) {
    }

    /**
     * Moves the provider quantity (and the refundable batches) and the CT record's ct_licenses by the same
     * amount, so a difference that existed before stays visible to finance; the record stops at 0
     * ({@link SeatChangeRules#ctLicensesAfter}). The changes are applied in their order, in three round trips
     * whatever their number: a change to a record that an earlier change of the list moved starts from where
     * that one left it.
     */
    public void applyChanges(List<AppliedChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate(updateProviderRow, changes, changes.size(), (ps, change) -> {
                    ps.setInt(1, change.quantityAfter());
                    ps.setString(2, change.refundableAfter());
                    ps.setLong(3, change.snapshotId());
                    ps.setObject(4, change.subscriptionId());
                });
        Map<String, Integer> ctLicenses = new LinkedHashMap<>();
        jdbc.sql("SELECT ct_license_id, ct_licenses FROM ct_license WHERE ct_license_id = ANY(?) ORDER BY ct_license_id FOR UPDATE")
                .param(SqlArrays.varchars(changes.stream().map(AppliedChange::ctLicenseId).distinct().toList()))
                .query(rs -> {
                    ctLicenses.put(rs.getString("ct_license_id"), rs.getInt("ct_licenses"));
                });
        for (AppliedChange change : changes) {
            Integer before = ctLicenses.get(change.ctLicenseId());
            if (before == null) {
                throw new IllegalStateException("CT record " + change.ctLicenseId() + " is gone");
            }
            ctLicenses.put(change.ctLicenseId(), SeatChangeRules.ctLicensesAfter(before, change.delta()));
        }
        List<Map.Entry<String, Integer>> after = new ArrayList<>(ctLicenses.entrySet());
        jdbcTemplate.batchUpdate("UPDATE ct_license SET ct_licenses = ? WHERE ct_license_id = ?", after, after.size(),
                (ps, record) -> {
                    ps.setInt(1, record.getValue());
                    ps.setString(2, record.getKey());
                });
    }

    public static String refundableText(SeatState state) {
        return state.refundable().isEmpty() ? null : RefundableBatch.format(state.refundable());
    }
}
