package com.licenserecon.report;

import com.licenserecon.reconcile.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import org.springframework.jdbc.core.RowMapper;

/** {@code reconciliation-<as-of date>.csv}: columns, order and sorting exactly as the file-formats spec says. */
public final class ReconciliationReport {

    public static final String KIND = "reconciliation";

    public static final String[] HEADER = {"customer_tenant_id", "customer_name", "subscription_id", "ct_license_id",
            "sku_part_number", "display_name", "commitment", "ct_licenses", "provider_quantity", "assigned",
            "quantity_delta", "ct_status", "provider_status", "ct_renewal_date", "provider_renewal_date",
            "ct_auto_renew", "provider_auto_renew", "unit_price", "currency", "monthly_amount_delta", "result"};

    /** Blanks last, as the spec asks, on every database. Parameter: the snapshot id. */
    public static final String SQL = """
            SELECT * FROM reconciliation_result WHERE snapshot_id = ?
            ORDER BY customer_tenant_id, sku_part_number, subscription_id NULLS LAST, ct_license_id NULLS LAST""";

    public static final RowMapper<String[]> CELLS = ReconciliationReport::cells;

    /**
     * The report as PostgreSQL writes it ({@link CopyReports}): the columns of {@link #HEADER}, each
     * formatted as {@link #cells} formats it, in the order of {@link #SQL}.
     */
    public static String copyQuery(long snapshotId) {
        return """
                SELECT CAST(customer_tenant_id AS TEXT), %1$s, CAST(subscription_id AS TEXT), %2$s, %3$s, %4$s, commitment,
                       ct_licenses, provider_quantity, assigned, quantity_delta, ct_status, LOWER(provider_status),
                       CAST(ct_renewal_date AS TEXT), CAST(provider_renewal_date AS TEXT), %5$s, %6$s, %7$s, %8$s, %9$s,
                       result
                FROM reconciliation_result WHERE snapshot_id = %10$d
                ORDER BY reconciliation_result.customer_tenant_id, reconciliation_result.sku_part_number,
                         reconciliation_result.subscription_id NULLS LAST, reconciliation_result.ct_license_id NULLS LAST"""
                .formatted(text("customer_name"), text("ct_license_id"), text("sku_part_number"), text("display_name"),
                        bool("ct_auto_renew"), bool("provider_auto_renew"), Money.sql("unit_price"), text("currency"),
                        Money.sql("monthly_amount_delta"), snapshotId);
    }

    private static String text(String column) {
        return SpreadsheetSafe.sql(column);
    }

    /** As Java prints a Boolean. */
    private static String bool(String column) {
        return "CASE WHEN %1$s THEN 'true' WHEN NOT %1$s THEN 'false' END".formatted(column);
    }

    private ReconciliationReport() {
    }

    private static String[] cells(ResultSet rs, int rowNum) throws SQLException {
        return new String[] {
                plain(rs.getObject("customer_tenant_id")),
                SpreadsheetSafe.text(rs.getString("customer_name")),
                plain(rs.getObject("subscription_id")),
                SpreadsheetSafe.text(rs.getString("ct_license_id")),
                SpreadsheetSafe.text(rs.getString("sku_part_number")),
                SpreadsheetSafe.text(rs.getString("display_name")),
                plain(rs.getString("commitment")),
                plain(rs.getObject("ct_licenses")),
                plain(rs.getObject("provider_quantity")),
                plain(rs.getObject("assigned")),
                plain(rs.getObject("quantity_delta")),
                plain(rs.getString("ct_status")),
                providerStatus(rs.getString("provider_status")),
                plain(rs.getObject("ct_renewal_date")),
                plain(rs.getObject("provider_renewal_date")),
                plain(rs.getObject("ct_auto_renew")),
                plain(rs.getObject("provider_auto_renew")),
                Money.format(rs.getBigDecimal("unit_price")),
                SpreadsheetSafe.text(rs.getString("currency")),
                Money.format(rs.getBigDecimal("monthly_amount_delta")),
                plain(rs.getString("result"))
        };
    }

    /** Provider statuses are shown as Partner Center writes them (lower case). */
    private static String providerStatus(String stored) {
        return stored == null ? "" : stored.toLowerCase(java.util.Locale.ROOT);
    }

    /** Values the database typed (numbers, dates, UUIDs, booleans, codes) cannot hold a formula. */
    private static String plain(Object value) {
        return Objects.toString(value, "");
    }
}
