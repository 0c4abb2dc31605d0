package com.licenserecon.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.reconcile.ReconciliationQuery;
import com.licenserecon.seatchange.SubscriptionSeats;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The billing CT record of a whole tenant at once (the pages' way, a fixed number of queries) is the one found
 * subscription by subscription (the seat change run's way), for every subscription of the sample night, whose
 * tenants include linked, unlinked, ambiguous and not-billed subscriptions.
 */
class BillingRecordsTest extends WebApiTest {

    @Autowired
    SubscriptionSeats seats;

    @Test
    void aTenantsBillingRecordsAreThoseFoundOneSubscriptionAtATime() throws Exception {
        givenTheSampleNight();
        long snapshot = seats.latestSnapshot().orElseThrow();
        Map<UUID, Map<UUID, String>> expected = new HashMap<>();
        for (ProviderSubscription s : jdbc.sql(ReconciliationQuery.PROVIDER_SELECT + " WHERE p.snapshot_id = ?")
                .param(snapshot).query(ReconciliationQuery.PROVIDER_ROW).list()) {
            Map<UUID, String> tenant = expected.computeIfAbsent(s.customerTenantId(), t -> new HashMap<>());
            seats.billingRecord(snapshot, s).ifPresent(record -> tenant.put(s.subscriptionId(), record));
        }

        Map<UUID, Map<UUID, String>> bulk = new HashMap<>();
        expected.keySet().forEach(tenant -> bulk.put(tenant, seats.billingRecords(snapshot, tenant)));

        assertThat(bulk).isEqualTo(expected);
        assertThat(expected.values().stream().mapToInt(Map::size).sum()).isGreaterThan(300);
    }
}
