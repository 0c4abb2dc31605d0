package com.licenserecon.reconcile;

import com.licenserecon.provider.Commitment;
import com.licenserecon.provider.ProviderStatus;
import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.provider.RefundableBatch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;

/**
 * The matching rules of the licensing spec as one set-based query: one row per report row, with the facts
 * of a {@link MatchCandidate}. {@link LicenseMatcher} is the same matching in memory; the two are tested
 * against each other. Parameter: {@code :snapshot}, the snapshot id.
 *
 * <p>{@link #selectResults(long, TenantRange)} is the nightly job's form on PostgreSQL (one statement per
 * range of tenants, run at the same time), {@link #INSERT_RESULTS} elsewhere: they also apply
 * {@link ReconciliationRules} to each candidate in SQL and write the report rows, so a million rows never
 * leave the database. The Java rules stay the reference: the generated-night tests check the job's report, row by
 * row and column by column, against {@link LicenseMatcher} and {@link ReconciliationRules}.
 */
public final class ReconciliationQuery {

    /** The CT record's columns a candidate row carries, each as {@code c_<name>}. */
    private static final List<String> CT_NAMES = List.of("ct_license_id", "customer_tenant_id", "subscription_id",
            "sku_part_number", "display_name", "ct_licenses", "renewal_date", "status", "auto_renew", "unit_price",
            "currency");

    /**
     * The provider columns a report row takes, each as {@code p_<name>}. The candidates carry no others: every
     * column carried through the candidate rows (the refundable text, the refund schedule of a materialized
     * CTE) is copied for every row, and none of the others is reported.
     */
    private static final List<String> RESULT_PROVIDER_NAMES = List.of("customer_tenant_id", "customer_name",
            "subscription_id", "sku_part_number", "display_name", "quantity", "assigned", "status", "auto_renew",
            "commitment", "term_end");

    // The lists of columns the candidate queries write, all from the two lists of names above.
    private static final String CT_COLUMNS = columns(CT_NAMES, name -> "c." + name + " AS c_" + name);
    private static final String NO_CT_COLUMNS = columns(CT_NAMES, name -> "NULL");
    private static final String RESULT_PROVIDER_COLUMNS = columns(RESULT_PROVIDER_NAMES, name -> "p." + name + " AS p_" + name);
    private static final String UNCLAIMED_COLUMNS = columns(RESULT_PROVIDER_NAMES, name -> "p." + name);
    /** {@link #UNCLAIMED_COLUMNS}, from the {@code paired} rows of a range, under the provider table's names. */
    private static final String UNCLAIMED_FROM_PAIRED = columns(RESULT_PROVIDER_NAMES, name -> "p_" + name + " AS " + name);
    /** The columns of {@link #CT_COLUMNS} and {@link #RESULT_PROVIDER_COLUMNS}, as the {@code paired} rows name them. */
    private static final String PAIRED_COLUMNS = columns(CT_NAMES, name -> "c_" + name) + ", "
            + columns(RESULT_PROVIDER_NAMES, name -> "p_" + name);

    public static final String PROVIDER_COLUMNS = """
            p.customer_tenant_id AS p_customer_tenant_id, p.customer_name AS p_customer_name,
            p.subscription_id AS p_subscription_id, p.offer_id AS p_offer_id, p.sku_part_number AS p_sku_part_number,
            p.display_name AS p_display_name, p.quantity AS p_quantity, p.assigned AS p_assigned, p.status AS p_status,
            p.auto_renew AS p_auto_renew, p.commitment AS p_commitment, p.term_duration AS p_term_duration,
            p.billing_cycle AS p_billing_cycle, p.term_start AS p_term_start, p.term_end AS p_term_end,
            p.refundable AS p_refundable""";

    private static String columns(List<String> names, Function<String, String> column) {
        return names.stream().map(column).collect(Collectors.joining(", "));
    }

    /**
     * The candidate rows of the customers in {@code range}: the rows whose report tenant lies in it. A report
     * row takes the provider's tenant when it has a provider side, the CT record's otherwise; the matching
     * by tenant and SKU stays within one tenant, but a CT record may name the subscription id of another
     * customer's subscription, and its row then belongs to the range of the subscription's tenant.
     *
     * <p>For {@link TenantRange#ALL} (every database) the linked CT records are joined to the provider, and the
     * subscriptions no CT record names are found apart. For a range (PostgreSQL, whose parts run at the same
     * time) both come from one {@code FULL JOIN} of the night's subscriptions with the CT records that name a
     * subscription, kept where the report tenant lies in the range: each part reads the provider's table once
     * instead of three times, and the CT records twice instead of four times (at a million subscriptions,
     * 72,000 pages a part instead of 181,000; the two parts at once took 4.8 s instead of 5.1, medians of four
     * alternating pairs in psql). H2 has no FULL JOIN.
     */
    static String candidates(TenantRange range) {
        // The CTEs ending in unclaimed: for a range, also the paired rows its linked rows come from.
        String unclaimedCtes = range.isAll() ? """
                unclaimed AS (  -- found once: the candidates of unlinked records, and the rows that stay MISSING_IN_CT
                    SELECT %s FROM provider_subscription p
                    WHERE p.snapshot_id = :snapshot
                      AND NOT EXISTS (SELECT 1 FROM ct_license c WHERE c.subscription_id = p.subscription_id)
                ),
                """.formatted(UNCLAIMED_COLUMNS) : """
                paired AS (  -- each subscription with the CT record that names it, and each CT record naming one
                    SELECT * FROM (
                        SELECT %1$s, %2$s, CASE WHEN u.customer_tenant_id IS NULL THEN 0 ELSE 1 END AS customer_unread,
                               CASE WHEN c.ct_license_id IS NULL OR (p.subscription_id IS NOT NULL AND u.customer_tenant_id IS NULL)
                                    THEN p.customer_tenant_id ELSE c.customer_tenant_id END AS report_tenant_id
                        FROM (SELECT * FROM provider_subscription WHERE snapshot_id = :snapshot) p
                        FULL JOIN (SELECT * FROM ct_license WHERE subscription_id IS NOT NULL) c
                          ON c.subscription_id = p.subscription_id
                        LEFT JOIN unread u ON u.customer_tenant_id = c.customer_tenant_id
                    ) j
                    WHERE %3$s
                ),
                unclaimed AS (  -- found once: the candidates of unlinked records, and the rows that stay MISSING_IN_CT
                    SELECT %4$s FROM paired WHERE c_ct_license_id IS NULL
                ),
                """.formatted(CT_COLUMNS, RESULT_PROVIDER_COLUMNS, range.sql("report_tenant_id"), UNCLAIMED_FROM_PAIRED);
        String linkedRows = range.isAll() ? """
                SELECT %s, %s, 0 AS unlinked_records, 0 AS candidates,
                       CASE WHEN u.customer_tenant_id IS NULL THEN 0 ELSE 1 END AS customer_unread
                FROM ct_license c
                LEFT JOIN provider_subscription p ON p.snapshot_id = :snapshot AND p.subscription_id = c.subscription_id
                LEFT JOIN unread u ON u.customer_tenant_id = c.customer_tenant_id
                WHERE c.subscription_id IS NOT NULL
                """.formatted(CT_COLUMNS, RESULT_PROVIDER_COLUMNS) : """
                SELECT %s, 0 AS unlinked_records, 0 AS candidates, customer_unread
                FROM paired WHERE c_ct_license_id IS NOT NULL
                """.formatted(PAIRED_COLUMNS);
        return """
            WITH unread AS (
                SELECT customer_tenant_id FROM provider_unread_customer WHERE snapshot_id = :snapshot
            ),
            """ + unclaimedCtes + """
            free_pair AS (
                SELECT customer_tenant_id, sku_part_number, COUNT(*) AS candidates,
                       MIN(CAST(subscription_id AS VARCHAR(36))) AS first_candidate
                FROM unclaimed
                GROUP BY customer_tenant_id, sku_part_number
            ),
            unlinked AS (
                SELECT c.*, COUNT(*) OVER (PARTITION BY c.customer_tenant_id, c.sku_part_number) AS unlinked_records
                FROM ct_license c WHERE c.subscription_id IS NULL AND %4$s
            ),
            unlinked_match AS (
                SELECT c.*, COALESCE(fp.candidates, 0) AS candidates,
                       CASE WHEN u.customer_tenant_id IS NULL THEN 0 ELSE 1 END AS customer_unread,
                       CASE WHEN c.unlinked_records = 1 AND fp.candidates = 1 AND u.customer_tenant_id IS NULL
                            THEN CAST(fp.first_candidate AS UUID) END AS match_id
                FROM unlinked c
                LEFT JOIN free_pair fp
                  ON fp.customer_tenant_id = c.customer_tenant_id AND fp.sku_part_number = c.sku_part_number
                LEFT JOIN unread u ON u.customer_tenant_id = c.customer_tenant_id
            )
            %5$sUNION ALL
            SELECT %1$s, %2$s, c.unlinked_records, c.candidates, c.customer_unread
            FROM unlinked_match c
            LEFT JOIN unclaimed p ON p.subscription_id = c.match_id
            UNION ALL
            SELECT %3$s, %2$s, 0, 0, 0
            FROM unclaimed p
            WHERE NOT EXISTS (SELECT 1 FROM unlinked_match m WHERE m.match_id = p.subscription_id)
            """.formatted(CT_COLUMNS, RESULT_PROVIDER_COLUMNS, NO_CT_COLUMNS, range.sql("c.customer_tenant_id"),
                linkedRows);
    }

    /**
     * What each candidate row is, by the rules of {@link ReconciliationRules#decide}: {@code P} a provider
     * subscription nobody claimed, {@code N} a CT record of a customer that could not be read, {@code L} and
     * {@code U} a pair matched by id or by tenant and SKU, {@code M} a CT record with no candidate, {@code A}
     * an unlinked CT record with candidates it cannot have alone.
     */
    private static final String KIND = """
            CASE WHEN c_ct_license_id IS NULL THEN 'P'
                 WHEN customer_unread = 1 THEN 'N'
                 WHEN c_subscription_id IS NOT NULL THEN CASE WHEN p_subscription_id IS NULL THEN 'M' ELSE 'L' END
                 WHEN candidates = 0 THEN 'M'
                 WHEN unlinked_records = 1 AND candidates = 1 THEN 'U'
                 ELSE 'A' END""";

    /** The codes of a matched pair, one condition each; joined in the order of their names, as the spec says. */
    private static final Map<ResultCode, String> PAIR_CODES = Map.of(
            ResultCode.QUANTITY_MISMATCH, "c_ct_licenses <> p_quantity",
            ResultCode.STATUS_MISMATCH, "(c_status = 'Active') <> (p_status = 'ACTIVE')",
            ResultCode.RENEWAL_DATE_MISMATCH, "c_renewal_date <> CAST(p_term_end + INTERVAL '1' DAY AS DATE)",
            ResultCode.AUTO_RENEW_MISMATCH, "c_auto_renew <> p_auto_renew",
            ResultCode.UNLINKED, "kind = 'U'");

    private static final String PAIR_RESULT = "COALESCE(NULLIF(CONCAT_WS(';', "
            + PAIR_CODES.entrySet().stream()
                    .sorted(Comparator.comparing(e -> e.getKey().name()))
                    .map(e -> "CASE WHEN " + e.getValue() + " THEN '" + e.getKey().name() + "' END")
                    .collect(Collectors.joining(", "))
            + "), ''), '" + ResultCode.OK + "')";

    /** The columns of reconciliation_result that {@link #INSERT_RESULTS} and {@link #selectResults} fill, in their order. */
    public static final List<String> RESULT_COLUMNS = List.of("snapshot_id", "customer_tenant_id", "customer_name",
            "subscription_id", "ct_license_id", "sku_part_number", "display_name", "commitment", "ct_licenses",
            "provider_quantity", "assigned", "quantity_delta", "ct_status", "provider_status", "ct_renewal_date",
            "provider_renewal_date", "ct_auto_renew", "provider_auto_renew", "unit_price", "currency",
            "monthly_amount_delta", "result");

    /**
     * The report rows of a run, decided in the database. Parameter: {@code :snapshot}, the snapshot id.
     * Values come from the provider side for pairs and unclaimed subscriptions, from the CT record otherwise,
     * exactly as {@link ReconciliationRules} builds a {@link ReconciliationLine}. The {@code OFFSET 0 ROWS}
     * keep PostgreSQL from flattening the subqueries, which copied the CASE of {@code kind} into each of the
     * thirty places that read {@code kind} or {@code provider_side} (a tenth of the statement's time at a
     * million rows); an offset of 0 changes no result. Rows go in in report order, so the report-order index
     * is built from rows already sorted and the report reads the table front to back.
     */
    private static String selectResultsTemplate(TenantRange range) {
        return """
            SELECT :snapshot, customer_tenant_id, customer_name, subscription_id, ct_license_id, sku_part_number, display_name,
                   commitment, ct_licenses, provider_quantity, assigned, quantity_delta, ct_status, provider_status,
                   ct_renewal_date, provider_renewal_date, ct_auto_renew, provider_auto_renew, unit_price, currency,
                   quantity_delta * unit_price, result
            FROM (
                SELECT CASE WHEN provider_side THEN p_customer_tenant_id ELSE c_customer_tenant_id END AS customer_tenant_id,
                       CASE WHEN provider_side THEN p_customer_name END AS customer_name,
                       CASE WHEN provider_side THEN p_subscription_id ELSE c_subscription_id END AS subscription_id,
                       c_ct_license_id AS ct_license_id,
                       CASE WHEN provider_side THEN p_sku_part_number ELSE c_sku_part_number END AS sku_part_number,
                       CASE WHEN kind = 'P' THEN p_display_name
                            WHEN provider_side THEN COALESCE(p_display_name, c_display_name)
                            ELSE c_display_name END AS display_name,
                       CASE WHEN provider_side THEN p_commitment END AS commitment,
                       c_ct_licenses AS ct_licenses,
                       CASE WHEN provider_side THEN p_quantity END AS provider_quantity,
                       CASE WHEN provider_side THEN p_assigned END AS assigned,
                       CASE kind WHEN 'P' THEN p_quantity WHEN 'L' THEN p_quantity - c_ct_licenses
                                 WHEN 'U' THEN p_quantity - c_ct_licenses WHEN 'N' THEN NULL
                                 ELSE -c_ct_licenses END AS quantity_delta,
                       c_status AS ct_status,
                       CASE WHEN provider_side THEN LOWER(p_status) END AS provider_status,
                       c_renewal_date AS ct_renewal_date,
                       CASE WHEN provider_side THEN CAST(p_term_end + INTERVAL '1' DAY AS DATE) END AS provider_renewal_date,
                       c_auto_renew AS ct_auto_renew,
                       CASE WHEN provider_side THEN p_auto_renew END AS provider_auto_renew,
                       c_unit_price AS unit_price, c_currency AS currency,
                       CASE kind WHEN 'P' THEN '%3$s' WHEN 'N' THEN '%4$s' WHEN 'M' THEN '%5$s' WHEN 'A' THEN '%6$s'
                                 ELSE %2$s END AS result
                FROM (
                    SELECT k.*, kind IN ('P', 'L', 'U') AS provider_side
                    FROM (SELECT m.*, %1$s AS kind FROM (%7$s) m OFFSET 0 ROWS) k
                    OFFSET 0 ROWS
                ) d
            ) r
            ORDER BY customer_tenant_id, sku_part_number, subscription_id NULLS LAST, ct_license_id NULLS LAST""".formatted(KIND, PAIR_RESULT, ResultCode.MISSING_IN_CT, ResultCode.NOT_AUDITED,
            ResultCode.MISSING_AT_PROVIDER, ResultCode.AMBIGUOUS_MATCH, candidates(range));
    }

    /** Writes the report rows of snapshot {@code :snapshot} into reconciliation_result. */
    public static final String INSERT_RESULTS = "INSERT INTO reconciliation_result (" + String.join(", ", RESULT_COLUMNS)
            + ")\n" + selectResultsTemplate(TenantRange.ALL);

    /**
     * The report rows of one snapshot, the columns of {@link #RESULT_COLUMNS}: what {@link #INSERT_RESULTS}
     * writes, as a query of its own (for CREATE TABLE AS, which takes no parameters; the id is a number).
     */
    public static String selectResults(long snapshotId) {
        return selectResults(snapshotId, TenantRange.ALL);
    }

    /** The report rows of one snapshot whose customer tenant lies in {@code range}, as {@link #selectResults(long)}. */
    public static String selectResults(long snapshotId, TenantRange range) {
        return selectResultsTemplate(range).replace(":snapshot", Long.toString(snapshotId));
    }

    /** One provider subscription of a snapshot, in the shape {@link #PROVIDER_ROW} reads. */
    public static final String PROVIDER_SELECT = "SELECT " + PROVIDER_COLUMNS + " FROM provider_subscription p";

    public static final RowMapper<ProviderSubscription> PROVIDER_ROW = (rs, i) -> provider(rs);

    private ReconciliationQuery() {
    }

    /**
     * Reads the columns of {@link #PROVIDER_COLUMNS} by position from the first of them: one name lookup
     * per row instead of sixteen, which were a third of the mapping when a report reads half a million rows.
     */
    private static ProviderSubscription provider(ResultSet rs) throws SQLException {
        int c = rs.findColumn("p_customer_tenant_id");
        return new ProviderSubscription(
                rs.getObject(c, UUID.class),
                rs.getString(c + 1),
                rs.getObject(c + 2, UUID.class),
                rs.getString(c + 3),
                rs.getString(c + 4),
                rs.getString(c + 5),
                rs.getInt(c + 6),
                (Integer) rs.getObject(c + 7, Integer.class),
                ProviderStatus.valueOf(rs.getString(c + 8)),
                rs.getBoolean(c + 9),
                Commitment.valueOf(rs.getString(c + 10)),
                rs.getString(c + 11),
                rs.getString(c + 12),
                rs.getObject(c + 13, LocalDate.class),
                rs.getObject(c + 14, LocalDate.class),
                RefundableBatch.parseAll(rs.getString(c + 15)).orElseThrow());
    }
}
