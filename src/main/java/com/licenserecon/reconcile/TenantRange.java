package com.licenserecon.reconcile;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A range of customer tenant ids, {@code from} inclusive to {@code to} exclusive, either end open when null,
 * in PostgreSQL's order of UUIDs (their sixteen bytes, unsigned). The nightly reconciliation is split into
 * such ranges so that each database session decides one share of the customers (see
 * {@link ReconciliationQuery#selectResults(long, TenantRange)}).
 */
public record TenantRange(UUID from, UUID to) {

    public static final TenantRange ALL = new TenantRange(null, null);

    private static final BigInteger SPACE = BigInteger.ONE.shiftLeft(128);

    /**
     * The UUID space cut into {@code parts} ranges of equal width. Tenant ids are random (Microsoft Entra
     * gives version 4 UUIDs), so equal widths hold about equal numbers of customers.
     */
    public static List<TenantRange> split(int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("a reconciliation is split into at least 1 part, not " + parts);
        }
        List<TenantRange> ranges = new ArrayList<>(parts);
        UUID from = null;
        for (int i = 1; i <= parts; i++) {
            UUID to = i == parts ? null : uuid(SPACE.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(parts)));
            ranges.add(new TenantRange(from, to));
            from = to;
        }
        return ranges;
    }

    private static UUID uuid(BigInteger value) {
        return new UUID(value.shiftRight(64).longValue(), value.longValue());
    }

    public boolean isAll() {
        return from == null && to == null;
    }

    /** The SQL condition that {@code column} lies in the range ({@code TRUE} for all tenants). */
    public String sql(String column) {
        if (isAll()) {
            return "TRUE";
        }
        List<String> bounds = new ArrayList<>(2);
        if (from != null) {
            bounds.add("%s >= CAST('%s' AS UUID)".formatted(column, from));
        }
        if (to != null) {
            bounds.add("%s < CAST('%s' AS UUID)".formatted(column, to));
        }
        return "(" + String.join(" AND ", bounds) + ")";
    }

    /** PostgreSQL's bound of a range partition holding this range. */
    public String partitionBound() {
        return "FOR VALUES FROM (%s) TO (%s)".formatted(from == null ? "MINVALUE" : "'" + from + "'",
                to == null ? "MAXVALUE" : "'" + to + "'");
    }
}
