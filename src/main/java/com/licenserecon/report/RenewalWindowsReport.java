package com.licenserecon.report;

import static com.licenserecon.report.SpreadsheetSafe.text;

import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.reconcile.Money;
import com.licenserecon.reconcile.ReconciliationQuery;
import com.licenserecon.seatchange.RenewalWindow;
import com.licenserecon.seatchange.SeatChangeStore;
import com.licenserecon.seatchange.SeatState;
import java.math.BigDecimal;
import java.time.Duration;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.RowMapper;

/**
 * {@code renewal-windows-<as-of date>.csv}: every NCE subscription whose decrease window is open at T or
 * opens within the horizon (kind {@code WINDOW}), then every request still QUEUED after its window closed
 * (kind {@code MISSED}) with the cost of waiting for the next one: amount x unit price x months of the new term.
 * Prices come from the run's reconciliation (the CT record matched to the subscription).
 */
public final class RenewalWindowsReport {

    public static final String KIND = "renewal-windows";

    public static final String[] HEADER = {"kind", "customer_tenant_id", "customer_name", "subscription_id",
            "sku_part_number", "display_name", "quantity", "assigned", "unused_seats", "window_opens", "window_closes",
            "auto_renew", "queued_decrease", "unit_price", "currency", "monthly_saving_if_unused_removed",
            "request_id", "missed_amount", "cost_of_waiting"};

    /**
     * Parameters: see {@link #arguments}. The queued decreases are summed once for all subscriptions and
     * joined, not looked up once per subscription (800,000 lookups at a million rows).
     *
     * <p>The {@code WINDOW} rows are prefiltered: {@link RenewalWindow#of} keeps a subscription only if it
     * has a refundable batch (stored as a non-null {@code refundable}) or auto-renews within the horizon,
     * so the query leaves out the others, which are a third to a half of a snapshot's NCE subscriptions
     * and would each be read, mapped and dropped in Java. The prefilter only drops rows the rule would
     * drop ({@link #termEndBounds}); the rule, in Java, still decides every row it lets through.
     *
     * <p>On PostgreSQL the query names the snapshot's own partitions ({@code SnapshotPartitions#relation}):
     * through the partitioned tables the planner estimates the joins from statistics the parents do not
     * have, guesses billions of rows, and sorts both sides for merge joins (3.2 s instead of 2.4 s at a million).
     */
    /** The query over the given tables: the partitioned tables or the snapshot's own partitions. */
    public static String sql(String providerSubscriptions, String reconciliationResults) {
        return """
            SELECT 'WINDOW' AS row_kind, %1$s, r.unit_price, r.currency, qd.amount AS queued_decrease,
                   CAST(NULL AS UUID) AS request_id, CAST(NULL AS INTEGER) AS missed_amount,
                   CAST(NULL AS TIMESTAMP WITH TIME ZONE) AS missed_window_closes
            FROM %2$s p
            LEFT JOIN %3$s r
              ON r.snapshot_id = ? AND r.subscription_id = p.subscription_id AND r.ct_licenses IS NOT NULL
            LEFT JOIN (SELECT subscription_id, SUM(amount) AS amount FROM seat_change_request
                       WHERE status = 'QUEUED' AND change_kind = 'LESS' GROUP BY subscription_id) qd
              ON qd.subscription_id = p.subscription_id
            WHERE p.snapshot_id = ? AND p.commitment = 'NCE'
              AND (p.refundable IS NOT NULL OR (p.auto_renew AND p.term_end BETWEEN ? AND ?))
            UNION ALL
            SELECT 'MISSED', %1$s, r.unit_price, r.currency, NULL, q.request_id, q.amount, q.window_closes
            FROM seat_change_request q
            JOIN %2$s p ON p.subscription_id = q.subscription_id AND p.snapshot_id = ?
            LEFT JOIN %3$s r
              ON r.snapshot_id = ? AND r.subscription_id = p.subscription_id AND r.ct_licenses IS NOT NULL
            WHERE q.status = 'QUEUED' AND q.window_closes <= ?
            ORDER BY 1 DESC, 2, 6, 4""".formatted(ReconciliationQuery.PROVIDER_COLUMNS, providerSubscriptions, reconciliationResults);
    }


    /** A subscription, its price and what is queued on it, before the window rule is applied. */
    public record Row(String kind, ProviderSubscription subscription, BigDecimal unitPrice, String currency,
            Long queuedDecrease, UUID requestId, Integer missedAmount, Instant missedWindowCloses) {
    }

    public static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getString("row_kind"),
            ReconciliationQuery.PROVIDER_ROW.mapRow(rs, i), rs.getBigDecimal("unit_price"), rs.getString("currency"),
            (Long) rs.getObject("queued_decrease", Long.class), rs.getObject("request_id", UUID.class),
            (Integer) rs.getObject("missed_amount", Integer.class), SeatChangeStore.instant(rs, "missed_window_closes"));

    private RenewalWindowsReport() {
    }

    /**
     * The query's parameters: the run's snapshot, the prefilter's term_end bounds, T. The results are named
     * by the snapshot itself rather than joined on p.snapshot_id: on PostgreSQL that lets the planner see
     * which partition it reads and estimate the join from that partition's statistics.
     */
    public static Object[] arguments(long snapshotId, Instant asOf, Duration horizon) {
        LocalDate[] termEnd = termEndBounds(asOf, horizon);
        return new Object[] {snapshotId, snapshotId, termEnd[0], termEnd[1], snapshotId, snapshotId, Timestamp.from(asOf)};
    }

    /**
     * Loose bounds on term_end for a renewal within the horizon: the renewal is midnight UTC after term_end,
     * so renewal > T needs term_end >= date(T) - 1, and renewal <= T + horizon needs term_end <= date(T +
     * horizon). A day wider than needed on each side; the rule itself draws the exact line.
     */
    public static LocalDate[] termEndBounds(Instant asOf, Duration horizon) {
        return new LocalDate[] {LocalDate.ofInstant(asOf, ZoneOffset.UTC).minusDays(1),
                LocalDate.ofInstant(asOf.plus(horizon), ZoneOffset.UTC)};
    }

    /**
     * Keeps the subscriptions whose window is open or opens within the horizon, and every missed request.
     * A class, not a record: the step scope proxies it.
     */
    public static class Cells implements ItemProcessor<Row, String[]> {

        private final Instant asOf;
        private final Duration horizon;

        public Cells(Instant asOf, Duration horizon) {
            this.asOf = asOf;
            this.horizon = horizon;
        }

        @Override
        public String[] process(Row row) {
            ProviderSubscription p = row.subscription();
            Integer unused = p.unusedSeats();
            if ("MISSED".equals(row.kind())) {
                BigDecimal cost = RenewalWindow.termMonths(p.termDuration())
                        .filter(months -> row.unitPrice() != null)
                        .map(months -> row.unitPrice().multiply(BigDecimal.valueOf((long) row.missedAmount() * months)))
                        .orElse(null);
                return line(row, unused, "", instantText(row.missedWindowCloses()), null, row.requestId().toString(),
                        row.missedAmount().toString(), cost);
            }
            return RenewalWindow.of(SeatState.of(p), asOf, horizon)
                    .map(window -> line(row, unused, window.opens().toString(), window.closes().toString(),
                            unused == null || row.unitPrice() == null ? null
                                    : row.unitPrice().multiply(BigDecimal.valueOf(unused)),
                            "", "", null))
                    .orElse(null);
        }
    }

    private static String[] line(Row row, Integer unused, String opens, String closes, BigDecimal saving,
            String requestId, String missedAmount, BigDecimal cost) {
        ProviderSubscription p = row.subscription();
        return new String[] {row.kind(), p.customerTenantId().toString(), text(p.customerName()),
                p.subscriptionId().toString(), text(p.skuPartNumber()), text(p.displayName()),
                Integer.toString(p.quantity()), Objects.toString(p.assigned(), ""), Objects.toString(unused, ""),
                opens, closes, Boolean.toString(p.autoRenew()), Objects.toString(row.queuedDecrease(), ""),
                Money.format(row.unitPrice()), text(row.currency()), Money.format(saving), requestId, missedAmount,
                Money.format(cost)};
    }

    private static String instantText(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
