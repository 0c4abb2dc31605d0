package com.licenserecon.report;

import static com.licenserecon.report.SpreadsheetSafe.text;

import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.reconcile.Money;
import com.licenserecon.reconcile.ReconciliationQuery;
import com.licenserecon.reconcile.TenantRange;
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
            ORDER BY 1 DESC, 2, 6, 4, 21""".formatted(ReconciliationQuery.PROVIDER_COLUMNS, providerSubscriptions, reconciliationResults);
    }


    /**
     * The report as PostgreSQL writes it ({@link CopyReports}): the same rows, cells and order as
     * {@link #sql} read through {@link Cells}, with the window rule of {@link RenewalWindow#of} and the
     * costs of {@link Cells} in SQL. {@code RenewalWindowsCopyTest} compares the two on generated nights.
     *
     * <p>Instants are written as {@link Instant#toString} writes them. A refund deadline is taken as the
     * text its batch stores (written by {@link Instant#toString}, so already in that form), and the window
     * opens 168 hours before the first one: the seconds are moved back 7 days and its fraction of a second
     * kept as written, so a deadline keeps every digit the provider gave. The refundable batches are read
     * from the refund schedule the import stored beside their text ({@code RefundSchedule}): the batches
     * open at T are those after {@code WIDTH_BUCKET(T, refund_untils)}, so a row costs three array lookups
     * where parsing its text cost a subquery (4.7 s instead of 2.0 s for the report at a million rows).
     */
    public static String copyQuery(String providerSubscriptions, String reconciliationResults, long snapshotId,
            Instant asOf, Duration horizon) {
        return copyQuery(providerSubscriptions, reconciliationResults, snapshotId, asOf, horizon, TenantRange.ALL, true);
    }

    /**
     * One piece of {@link #copyQuery}: the {@code WINDOW} rows of the subscriptions whose customer tenant lies
     * in {@code tenants}, then the {@code MISSED} rows if {@code withMissed}. The report lists every window
     * before the first missed request and sorts windows by tenant first, so the pieces of consecutive ranges,
     * the last with the missed requests, written one after the other are the whole report.
     */
    public static String copyQuery(String providerSubscriptions, String reconciliationResults, long snapshotId,
            Instant asOf, Duration horizon, TenantRange tenants, boolean withMissed) {
        LocalDate[] termEnd = termEndBounds(asOf, horizon);
        String t = "CAST('%s' AS TIMESTAMP WITH TIME ZONE)".formatted(asOf);
        String horizonEnd = "CAST('%s' AS TIMESTAMP WITH TIME ZONE)".formatted(asOf.plus(horizon));
        // The renewal instant: midnight UTC after term_end, as SeatState#renewalInstant.
        String renewal = "CAST(CAST(w.term_end + 1 AS TIMESTAMP) AT TIME ZONE 'UTC' AS TIMESTAMP WITH TIME ZONE)";
        // The sort's first key is the kind and the tenant's text in one (the text has a fixed length, so the
        // order stays kind, then tenant). With the kind alone first, the same for every window, PostgreSQL's
        // sort could not decide comparisons by its abbreviated first keys: the query took 3.05 s instead of
        // 2.8 s at a million subscriptions (C collation; under a glibc locale PostgreSQL abbreviates no text
        // keys, and the order costs the same either way).
        return """
                WITH queued AS (
                    SELECT subscription_id, SUM(amount) AS amount FROM seat_change_request
                    WHERE status = 'QUEUED' AND change_kind = 'LESS' GROUP BY subscription_id
                ),
                w AS (
                    SELECT p.*, r.unit_price, r.currency, qd.amount AS queued_decrease,
                           b.seats_from[b.first_open] AS open_seats, b.deadlines[b.first_open] AS first_deadline,
                           CASE WHEN b.first_open <= CARDINALITY(b.untils) THEN b.deadlines[CARDINALITY(b.untils)] END
                               AS last_deadline
                    FROM %1$s p
                    LEFT JOIN %2$s r
                      ON r.snapshot_id = %3$d AND r.subscription_id = p.subscription_id AND r.ct_licenses IS NOT NULL
                    LEFT JOIN queued qd ON qd.subscription_id = p.subscription_id
                    CROSS JOIN LATERAL (SELECT %18$s AS untils, %19$s AS seats_from, %20$s AS deadlines) s
                    CROSS JOIN LATERAL (SELECT s.*, WIDTH_BUCKET(%4$s, s.untils) + 1 AS first_open) b
                    WHERE p.snapshot_id = %3$d AND p.commitment = 'NCE' AND %21$s
                      AND (p.refundable IS NOT NULL OR (p.auto_renew AND p.term_end BETWEEN DATE '%5$s' AND DATE '%6$s'))
                ),
                windows AS (
                    SELECT w.*,
                           CASE WHEN w.open_seats > 0
                                THEN TO_CHAR(CAST(LEFT(w.first_deadline, 19) AS TIMESTAMP) - INTERVAL '168 hours',
                                             'YYYY-MM-DD"T"HH24:MI:SS') || SUBSTRING(w.first_deadline FROM 20)
                                WHEN w.auto_renew AND %7$s > %4$s AND %7$s <= %8$s
                                THEN TO_CHAR(w.term_end + 1, 'YYYY-MM-DD') || 'T00:00:00Z' END AS opens,
                           CASE WHEN w.open_seats > 0 THEN w.last_deadline
                                ELSE TO_CHAR(w.term_end + 8, 'YYYY-MM-DD') || 'T00:00:00Z' END AS closes,
                           CASE WHEN w.assigned IS NOT NULL THEN GREATEST(0, w.quantity - w.assigned) END AS unused
                    FROM w
                ),
                missed AS (
                    SELECT p.*, r.unit_price, r.currency, q.request_id, q.amount, q.window_closes,
                           CASE p.term_duration WHEN 'P1M' THEN 1 WHEN 'P1Y' THEN 12 WHEN 'P3Y' THEN 36 END AS months
                    FROM seat_change_request q
                    JOIN %1$s p ON p.subscription_id = q.subscription_id AND p.snapshot_id = %3$d
                    LEFT JOIN %2$s r
                      ON r.snapshot_id = %3$d AND r.subscription_id = p.subscription_id AND r.ct_licenses IS NOT NULL
                    WHERE q.status = 'QUEUED' AND q.window_closes <= %4$s AND %22$s
                )
                SELECT kind, CAST(customer_tenant_id AS TEXT), customer_name, CAST(subscription_id AS TEXT), sku, display_name,
                       quantity, assigned, unused, opens, closes, auto_renew, queued_decrease, unit_price, currency, saving,
                       CAST(request_id AS TEXT), missed_amount, cost
                FROM (
                    SELECT 'WINDOW' AS kind, customer_tenant_id, %9$s AS customer_name, subscription_id, %10$s AS sku,
                           %11$s AS display_name, quantity, assigned, unused, opens, closes, %12$s AS auto_renew,
                           queued_decrease, %13$s AS unit_price, %14$s AS currency, %15$s AS saving,
                           CAST(NULL AS UUID) AS request_id, CAST(NULL AS INTEGER) AS missed_amount, CAST(NULL AS TEXT) AS cost,
                           sku_part_number
                    FROM windows WHERE opens IS NOT NULL
                    UNION ALL
                    SELECT 'MISSED', customer_tenant_id, %9$s, subscription_id, %10$s, %11$s, quantity, assigned,
                           CASE WHEN assigned IS NOT NULL THEN GREATEST(0, quantity - assigned) END, NULL, %16$s, %12$s,
                           NULL, %13$s, %14$s, NULL, request_id, amount, %17$s, sku_part_number
                    FROM missed
                ) report
                ORDER BY CASE WHEN kind = 'WINDOW' THEN '0' ELSE '1' END || CAST(report.customer_tenant_id AS TEXT),
                         sku_part_number, subscription_id, request_id""".formatted(providerSubscriptions, reconciliationResults, snapshotId, t,
                termEnd[0], termEnd[1], renewal, horizonEnd, SpreadsheetSafe.sql("customer_name"),
                SpreadsheetSafe.sql("sku_part_number"), SpreadsheetSafe.sql("display_name"),
                "CASE WHEN auto_renew THEN 'true' ELSE 'false' END", Money.sql("unit_price"), SpreadsheetSafe.sql("currency"),
                Money.sql("unit_price * unused"), instantText("window_closes"),
                Money.sql("unit_price * (CAST(amount AS BIGINT) * months)"),
                storedOrParsed("refund_untils", "ARRAY_AGG(until ORDER BY until, n)", "parsed"),
                storedOrParsed("refund_seats_from", "ARRAY_AGG(seats ORDER BY until, n)",
                        "(SELECT until, n, SUM(quantity) OVER (ORDER BY until DESC, n DESC) AS seats FROM parsed) later"),
                storedOrParsed("refund_deadlines", "ARRAY_AGG(deadline ORDER BY until, n)", "parsed"),
                tenants.sql("p.customer_tenant_id"), withMissed ? "TRUE" : "FALSE");
    }

    /**
     * A column of the refund schedule (sql/postgresql/V12, {@code RefundSchedule}), or for a row imported
     * before it existed, the same array parsed from the refundable text. CASE runs the subquery for those
     * rows only.
     */
    private static String storedOrParsed(String column, String aggregate, String from) {
        return """
                CASE WHEN p.%1$s IS NULL AND p.refundable IS NOT NULL THEN (
                    WITH parsed AS (
                        SELECT CAST(SPLIT_PART(batch, '@', 1) AS INTEGER) AS quantity, SPLIT_PART(batch, '@', 2) AS deadline,
                               CAST(SPLIT_PART(batch, '@', 2) AS TIMESTAMP WITH TIME ZONE) AS until, n
                        FROM UNNEST(STRING_TO_ARRAY(p.refundable, ';')) WITH ORDINALITY AS batches (batch, n))
                    SELECT %2$s FROM %3$s)
                ELSE p.%1$s END""".formatted(column, aggregate, from);
    }

    /** A timestamp column as {@link Instant#toString} writes it: seconds always, then 0, 3 or 6 digits of fraction. */
    private static String instantText(String column) {
        String micros = "MOD(CAST(EXTRACT(MICROSECONDS FROM %1$s) AS BIGINT), 1000000)".formatted(column);
        return ("TO_CHAR(%1$s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN %2$s = 0 THEN ''"
                + " WHEN MOD(%2$s, 1000) = 0 THEN '.' || LPAD(CAST(%2$s / 1000 AS TEXT), 3, '0')"
                + " ELSE '.' || LPAD(CAST(%2$s AS TEXT), 6, '0') END || 'Z'").formatted(column, micros);
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
