package com.licenserecon.reconcile;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reconciliation results of each run, kept beside the run's provider snapshot. */
@Repository
public class ReconciliationResultStore {

    private final JdbcClient jdbc;

    public ReconciliationResultStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static JdbcBatchItemWriter<ReconciliationLine> writer(DataSource dataSource, long snapshotId) {
        return new JdbcBatchItemWriterBuilder<ReconciliationLine>()
                .dataSource(dataSource)
                .sql("""
                        INSERT INTO reconciliation_result (snapshot_id, customer_tenant_id, customer_name,
                            subscription_id, ct_license_id, sku_part_number, display_name, commitment, ct_licenses,
                            provider_quantity, assigned, quantity_delta, ct_status, provider_status, ct_renewal_date,
                            provider_renewal_date, ct_auto_renew, provider_auto_renew, unit_price, currency,
                            monthly_amount_delta, result)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .itemPreparedStatementSetter((line, ps) -> set(ps, snapshotId, line))
                .build();
    }

    /** A restarted reconciliation starts over, so what a failed attempt wrote goes first. */
    public int deleteRun(long snapshotId) {
        return jdbc.sql("DELETE FROM reconciliation_result WHERE snapshot_id = ?").param(snapshotId).update();
    }

    /** How many report rows carry each result (a combination such as {@code A;B} counted once). */
    public Map<String, Long> countByResult(long snapshotId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT result, COUNT(*) AS n FROM reconciliation_result WHERE snapshot_id = ? GROUP BY result ORDER BY result")
                .param(snapshotId)
                .query((rs, i) -> Map.entry(rs.getString("result"), rs.getLong("n")))
                .list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    public long matchedPairs(long snapshotId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM reconciliation_result
                WHERE snapshot_id = ? AND ct_licenses IS NOT NULL AND provider_quantity IS NOT NULL""")
                .param(snapshotId).query(Long.class).single();
    }

    public long rowsWithoutAmount(long snapshotId) {
        return jdbc.sql("SELECT COUNT(*) FROM reconciliation_result WHERE snapshot_id = ? AND monthly_amount_delta IS NULL")
                .param(snapshotId).query(Long.class).single();
    }

    /** Totals of monthly_amount_delta per currency, positive and negative apart. */
    public List<CurrencyTotals> amountTotals(long snapshotId) {
        return jdbc.sql("""
                SELECT COALESCE(currency, '') AS currency,
                       SUM(CASE WHEN monthly_amount_delta > 0 THEN monthly_amount_delta ELSE 0 END) AS positive,
                       SUM(CASE WHEN monthly_amount_delta < 0 THEN monthly_amount_delta ELSE 0 END) AS negative
                FROM reconciliation_result
                WHERE snapshot_id = ? AND monthly_amount_delta IS NOT NULL
                GROUP BY COALESCE(currency, '') ORDER BY 1""")
                .param(snapshotId)
                .query((rs, i) -> new CurrencyTotals(rs.getString("currency"), rs.getBigDecimal("positive"),
                        rs.getBigDecimal("negative")))
                .list();
    }

    public record CurrencyTotals(String currency, java.math.BigDecimal positive, java.math.BigDecimal negative) {
    }

    private static void set(PreparedStatement ps, long snapshotId, ReconciliationLine l) throws SQLException {
        ps.setLong(1, snapshotId);
        ps.setObject(2, l.customerTenantId());
        ps.setString(3, l.customerName());
        setNullable(ps, 4, l.subscriptionId(), Types.OTHER);
        ps.setString(5, l.ctLicenseId());
        ps.setString(6, l.skuPartNumber());
        ps.setString(7, l.displayName());
        ps.setString(8, l.commitment());
        setNullable(ps, 9, l.ctLicenses(), Types.INTEGER);
        setNullable(ps, 10, l.providerQuantity(), Types.INTEGER);
        setNullable(ps, 11, l.assigned(), Types.INTEGER);
        setNullable(ps, 12, l.quantityDelta(), Types.INTEGER);
        ps.setString(13, l.ctStatus());
        ps.setString(14, l.providerStatus());
        setNullable(ps, 15, l.ctRenewalDate(), Types.DATE);
        setNullable(ps, 16, l.providerRenewalDate(), Types.DATE);
        setNullable(ps, 17, l.ctAutoRenew(), Types.BOOLEAN);
        setNullable(ps, 18, l.providerAutoRenew(), Types.BOOLEAN);
        ps.setBigDecimal(19, l.unitPrice());
        ps.setString(20, l.currency());
        ps.setBigDecimal(21, l.monthlyAmountDelta());
        ps.setString(22, l.result());
    }

    private static void setNullable(PreparedStatement ps, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType);
        } else {
            ps.setObject(index, value);
        }
    }
}
