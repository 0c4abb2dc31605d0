package com.licenserecon.page;

import com.licenserecon.seatchange.SubscriptionSeats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Service;

/**
 * Finds customers by part of their name or of their tenant id. Names come from the latest provider data (the
 * CT records have none); a tenant that only CT records know is found by its id.
 */
@Service
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class CustomerSearch {

    /** More than this asks the user to narrow the search rather than sending a huge page. */
    public static final int LIMIT = 50;

    private final JdbcClient jdbc;
    private final SubscriptionSeats seats;

    public CustomerSearch(JdbcClient jdbc, SubscriptionSeats seats) {
        this.jdbc = jdbc;
        this.seats = seats;
    }

    /** @param customerName null when the latest provider data does not know the tenant */
    public record Found(UUID tenantId, String customerName, long subscriptions, long ctRecords) {
    }

    /** At most {@link #LIMIT} + 1 customers, by name (the one past the limit tells that there are more). */
    public List<Found> find(String text) {
        String like = "%" + text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        Map<UUID, Found> found = new LinkedHashMap<>();
        seats.latestSnapshot().ifPresent(snapshot -> jdbc.sql("""
                SELECT customer_tenant_id, MAX(customer_name) AS customer_name, COUNT(*) AS subscriptions
                FROM provider_subscription
                WHERE snapshot_id = ? AND (LOWER(customer_name) LIKE ? ESCAPE '\\'
                                           OR CAST(customer_tenant_id AS VARCHAR(36)) LIKE ? ESCAPE '\\')
                GROUP BY customer_tenant_id ORDER BY MAX(customer_name), customer_tenant_id LIMIT ?""")
                .params(snapshot, like, like, LIMIT + 1)
                .query((rs, i) -> new Found(rs.getObject("customer_tenant_id", UUID.class),
                        rs.getString("customer_name"), rs.getLong("subscriptions"), 0))
                .list()
                .forEach(f -> found.put(f.tenantId(), f)));
        // The CT side: the counts of the tenants found above, and tenants that only CT records know.
        List<UUID> tenants = new ArrayList<>(found.keySet());
        jdbc.sql("""
                SELECT customer_tenant_id, COUNT(*) AS records FROM ct_license
                WHERE CAST(customer_tenant_id AS VARCHAR(36)) LIKE :like ESCAPE '\\'
                """ + (tenants.isEmpty() ? "" : " OR customer_tenant_id IN (:tenants)") + """
                GROUP BY customer_tenant_id ORDER BY customer_tenant_id LIMIT :limit""")
                .param("like", like)
                .param("tenants", tenants)
                .param("limit", LIMIT * 2 + 1)
                .query((rs, i) -> Map.entry(rs.getObject("customer_tenant_id", UUID.class), rs.getLong("records")))
                .list()
                .forEach(e -> found.merge(e.getKey(), new Found(e.getKey(), null, 0, e.getValue()),
                        (provider, ct) -> new Found(provider.tenantId(), provider.customerName(),
                                provider.subscriptions(), ct.ctRecords())));
        return found.values().stream()
                .sorted(Comparator.comparing((Found f) -> f.customerName() == null ? "\uffff" : f.customerName())
                        .thenComparing(f -> f.tenantId().toString()))
                .limit(LIMIT + 1)
                .toList();
    }
}
