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

    /**
     * What the summary counts, in one pass over the run's results (it was four, each reading every row):
     * rows per result, matched pairs, rows without an amount, and the amount totals per currency. Grouped
     * by result and currency in SQL, added up here; the currencies come in the database's order, as the
     * report lists them.
     */
    public RunTotals totals(long snapshotId) {
        Map<String, Long> byResult = new LinkedHashMap<>();
        Map<String, CurrencyTotals> byCurrency = new LinkedHashMap<>();
        long[] matchedAndWithoutAmount = new long[2];
        jdbc.sql("""
                SELECT result, COALESCE(currency, '') AS currency, COUNT(*) AS n,
                       SUM(CASE WHEN ct_licenses IS NOT NULL AND provider_quantity IS NOT NULL THEN 1 ELSE 0 END) AS matched,
                       COUNT(monthly_amount_delta) AS with_amount,
                       SUM(CASE WHEN monthly_amount_delta > 0 THEN monthly_amount_delta ELSE 0 END) AS positive,
                       SUM(CASE WHEN monthly_amount_delta < 0 THEN monthly_amount_delta ELSE 0 END) AS negative
                FROM reconciliation_result
                WHERE snapshot_id = ?
                GROUP BY result, COALESCE(currency, '') ORDER BY 2, 1""")
                .param(snapshotId)
                .query(rs -> {
                    long n = rs.getLong("n");
                    long withAmount = rs.getLong("with_amount");
                    byResult.merge(rs.getString("result"), n, Long::sum);
                    matchedAndWithoutAmount[0] += rs.getLong("matched");
                    matchedAndWithoutAmount[1] += n - withAmount;
                    if (withAmount > 0) {
                        var t = new CurrencyTotals(rs.getString("currency"), rs.getBigDecimal("positive"),
                                rs.getBigDecimal("negative"));
                        byCurrency.merge(t.currency(), t, (a, b) -> new CurrencyTotals(a.currency(),
                                a.positive().add(b.positive()), a.negative().add(b.negative())));
                    }
                });
        return new RunTotals(byResult, matchedAndWithoutAmount[0], matchedAndWithoutAmount[1],
                List.copyOf(byCurrency.values()));
    }

    /** The counts and totals of one run's results, for the summary. */
    public record RunTotals(Map<String, Long> rowsByResult, long matchedPairs, long rowsWithoutAmount,
            List<CurrencyTotals> amountTotals) {

        public long reportRows() {
            return rowsByResult.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public record CurrencyTotals(String currency, java.math.BigDecimal positive, java.math.BigDecimal negative) {
    }
}
