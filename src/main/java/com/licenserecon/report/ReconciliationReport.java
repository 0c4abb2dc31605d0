package com.licenserecon.report;

import static com.licenserecon.report.SpreadsheetSafe.text;

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

    private ReconciliationReport() {
    }

    private static String[] cells(ResultSet rs, int rowNum) throws SQLException {
        return new String[] {
                plain(rs.getObject("customer_tenant_id")),
                text(rs.getString("customer_name")),
                plain(rs.getObject("subscription_id")),
                text(rs.getString("ct_license_id")),
                text(rs.getString("sku_part_number")),
                text(rs.getString("display_name")),
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
                text(rs.getString("currency")),
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
