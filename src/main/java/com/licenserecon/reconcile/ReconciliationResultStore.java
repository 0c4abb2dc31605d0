package com.licenserecon.reconcile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reconciliation results of each run, kept beside the run's provider snapshot. */
@Repository
public class ReconciliationResultStore {

    private final JdbcClient jdbc;

    public ReconciliationResultStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A restarted reconciliation starts over, so what a failed attempt wrote goes first. */
    public int deleteRun(long snapshotId) {
        return jdbc.sql("DELETE FROM reconciliation_result WHERE snapshot_id = ?").param(snapshotId).update();
    }

    /** Decides and writes every report row of the run in one statement; returns how many. */
    public int insertRun(long snapshotId) {
        return jdbc.sql(ReconciliationQuery.INSERT_RESULTS).param("snapshot", snapshotId).update();
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
}
