package com.licenserecon.provider;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Provider snapshots: one per sync run, kept so that any night can be reconciled again. */
@Repository
public class ProviderSnapshotStore {

    private final JdbcClient jdbc;

    public ProviderSnapshotStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Idempotent, because a restarted run reuses the snapshot of its first attempt. */
    public void createIfAbsent(long snapshotId, Instant asOf, String source, String sourceSha256, Instant now) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM provider_snapshot WHERE snapshot_id = ?")
                .param(snapshotId).query(Long.class).single() > 0;
        if (!exists) {
            jdbc.sql("""
                    INSERT INTO provider_snapshot (snapshot_id, as_of, source, source_sha256, created_at)
                    VALUES (?, ?, ?, ?, ?)""")
                    .params(snapshotId, Timestamp.from(asOf), source, sourceSha256, Timestamp.from(now))
                    .update();
        }
    }

    /** The snapshot of a completed sync imported from a file with this content, if any. */
    public java.util.Optional<Long> completedWithDigest(String sha256) {
        return jdbc.sql("SELECT MIN(snapshot_id) FROM provider_snapshot WHERE source_sha256 = ? AND completed = TRUE")
                .param(sha256).query(Long.class).optional();
    }

    public void complete(long snapshotId) {
        jdbc.sql("UPDATE provider_snapshot SET completed = TRUE WHERE snapshot_id = ?").param(snapshotId).update();
    }

    /** The size of the newest accepted snapshot before this one: what the provider data had last time. */
    public java.util.Optional<Long> previousAcceptedSize(long snapshotId) {
        return jdbc.sql("SELECT MAX(snapshot_id) FROM provider_snapshot WHERE accepted = TRUE AND snapshot_id < ?")
                .param(snapshotId).query(Long.class).optional()
                .map(previous -> jdbc.sql("SELECT COUNT(*) FROM provider_subscription WHERE snapshot_id = ?")
                        .param(previous).query(Long.class).single());
    }

    /** Empties a snapshot before its source is read again from the start. */
    public void deleteRows(long snapshotId) {
        for (String table : new String[] {"provider_subscription", "provider_reject", "provider_unread_customer",
                "provider_mapping_gap"}) {
            jdbc.sql("DELETE FROM " + table + " WHERE snapshot_id = ?").param(snapshotId).update();
        }
    }

    public void customerUnread(long snapshotId, java.util.UUID tenantId, String reason) {
        jdbc.sql("""
                INSERT INTO provider_unread_customer (snapshot_id, customer_tenant_id, reason) VALUES (?, ?, ?)""")
                .params(snapshotId, tenantId, reason.length() > 2000 ? reason.substring(0, 2000) : reason).update();
    }

    public void mappingGap(long snapshotId, java.util.UUID tenantId, java.util.UUID subscriptionId, String offerId,
            String reason) {
        jdbc.sql("""
                INSERT INTO provider_mapping_gap (snapshot_id, customer_tenant_id, subscription_id, offer_id, reason)
                VALUES (?, ?, ?, ?, ?)""")
                .params(snapshotId, tenantId, subscriptionId, offerId, reason).update();
    }

    /** Customers whose provider data could not be read, with why, for the summary. */
    public java.util.List<String[]> unreadCustomers(long snapshotId) {
        return jdbc.sql("SELECT customer_tenant_id, reason FROM provider_unread_customer WHERE snapshot_id = ? ORDER BY 1")
                .param(snapshotId).query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    }

    /** Offers the SKU map does not name, for the summary. */
    public java.util.List<String[]> mappingGaps(long snapshotId) {
        return jdbc.sql("""
                SELECT offer_id, COALESCE(CAST(subscription_id AS VARCHAR(36)), ''), reason FROM provider_mapping_gap
                WHERE snapshot_id = ? ORDER BY 1, 2""")
                .param(snapshotId).query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
    }

    /**
     * A subscription id that appears on several lines keeps its first line; the later ones become
     * rejects. Rejecting every copy would turn one bad line into a false MISSING_AT_PROVIDER.
     *
     * @return the number of lines rejected as duplicates
     */
    public int rejectDuplicateSubscriptions(long snapshotId) {
        int rejected = jdbc.sql("""
                INSERT INTO provider_reject (snapshot_id, line_number, column_name, field_value, reason)
                SELECT d.snapshot_id, d.line_number, 'subscription_id', CAST(d.subscription_id AS VARCHAR(36)),
                       'duplicate subscription_id, first seen on line ' || CAST(f.first_line AS VARCHAR(20))
                FROM provider_subscription d
                JOIN (SELECT subscription_id, MIN(line_number) AS first_line FROM provider_subscription
                      WHERE snapshot_id = :snapshot GROUP BY subscription_id HAVING COUNT(*) > 1) f
                  ON f.subscription_id = d.subscription_id
                WHERE d.snapshot_id = :snapshot AND d.line_number > f.first_line
                """).param("snapshot", snapshotId).update();
        if (rejected > 0) {
            jdbc.sql("""
                    DELETE FROM provider_subscription
                    WHERE snapshot_id = :snapshot AND line_number IN (
                        SELECT line_number FROM provider_reject
                        WHERE snapshot_id = :snapshot AND column_name = 'subscription_id'
                          AND reason LIKE 'duplicate subscription_id%')
                    """).param("snapshot", snapshotId).update();
        }
        return rejected;
    }

    public ImportCounts importCounts(long snapshotId) {
        long imported = jdbc.sql("SELECT COUNT(*) FROM provider_subscription WHERE snapshot_id = ?")
                .param(snapshotId).query(Long.class).single();
        long rejected = jdbc.sql("SELECT COUNT(DISTINCT line_number) FROM provider_reject WHERE snapshot_id = ?")
                .param(snapshotId).query(Long.class).single();
        return new ImportCounts(imported + rejected, rejected, imported);
    }

    /** What became of the rows of one provider file. */
    public record ImportCounts(long rowsRead, long rowsRejected, long subscriptionsImported) {

        public double rejectedPercent() {
            return rowsRead == 0 ? 0 : 100.0 * rowsRejected / rowsRead;
        }
    }
}
