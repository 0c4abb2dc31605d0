package com.licenserecon.seatchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.reconcile.ReconciliationQuery;
import com.licenserecon.seatchange.SubscriptionSeats.AppliedChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A run reads and writes a chunk's subscriptions together: what it reads must be what reading them one at a time
 * gives (the sample night has linked, unlinked, ambiguous and unbilled subscriptions), and changes written
 * together must leave each record where writing them one after the other would.
 */
class SubscriptionSeatsTest extends SeatChangeNight {

    @Autowired
    SubscriptionSeats seats;

    private long snapshot;
    private List<ProviderSubscription> all;

    @BeforeEach
    void givenTheSampleNight() throws Exception {
        givenTheSampleNightSynced();
        snapshot = latestSnapshot();
        all = jdbc.sql(ReconciliationQuery.PROVIDER_SELECT + " WHERE p.snapshot_id = ?").param(snapshot)
                .query(ReconciliationQuery.PROVIDER_ROW).list();
    }

    @Test
    void aChunksSubscriptionsAreThoseReadOneAtATime() {
        List<UUID> ids = new ArrayList<>(all.stream().map(ProviderSubscription::subscriptionId).toList());
        UUID unknown = UUID.randomUUID();
        ids.add(unknown);
        Map<UUID, ProviderSubscription> oneByOne = new HashMap<>();
        ids.forEach(id -> seats.subscription(snapshot, id).ifPresent(s -> oneByOne.put(id, s)));

        Map<UUID, ProviderSubscription> together = seats.subscriptions(snapshot, ids);

        assertThat(together).isEqualTo(oneByOne).hasSize(all.size()).doesNotContainKey(unknown);
        assertThat(seats.subscriptions(snapshot, List.of())).isEmpty();
    }

    @Test
    void aChunksBillingRecordsAreThoseFoundOneAtATime() {
        Map<UUID, String> oneByOne = new HashMap<>();
        all.forEach(s -> seats.billingRecord(snapshot, s).ifPresent(record -> oneByOne.put(s.subscriptionId(), record)));

        assertThat(seats.billingRecords(snapshot, all)).isEqualTo(oneByOne);
        assertThat(oneByOne.size()).isGreaterThan(300).isLessThan(all.size());
        // A chunk of a few subscriptions gives the same for each as the whole night does.
        for (List<ProviderSubscription> chunk : chunksOf(all, 7)) {
            Map<UUID, String> expected = new HashMap<>();
            chunk.forEach(s -> {
                if (oneByOne.containsKey(s.subscriptionId())) {
                    expected.put(s.subscriptionId(), oneByOne.get(s.subscriptionId()));
                }
            });
            assertThat(seats.billingRecords(snapshot, chunk)).isEqualTo(expected);
        }
    }

    @Test
    void changesWrittenTogetherLeaveEachRecordWhereWritingThemInTurnWould() {
        // Given a billed subscription whose CT record bills 3 seats
        ProviderSubscription billed = all.stream()
                .filter(s -> s.quantity() >= 5 && seats.billingRecord(snapshot, s).isPresent()).findFirst().orElseThrow();
        String record = seats.billingRecord(snapshot, billed).orElseThrow();
        jdbc.sql("UPDATE ct_license SET ct_licenses = 3 WHERE ct_license_id = ?").param(record).update();

        // When a decrease of 5 and then an increase of 2 are written together
        seats.applyChanges(List.of(
                new AppliedChange(snapshot, billed.subscriptionId(), billed.quantity() - 5, null, record, -5),
                new AppliedChange(snapshot, billed.subscriptionId(), billed.quantity() - 3, "2@2026-12-03T02:00:00Z", record, 2)));

        // Then the record stopped at 0 before it gained 2 (not 3 - 5 + 2 = 0), and the provider row has the last quantity
        assertThat(ctLicenses().get(record)).isEqualTo(2);
        ProviderSubscription after = seats.subscription(snapshot, billed.subscriptionId()).orElseThrow();
        assertThat(after.quantity()).isEqualTo(billed.quantity() - 3);
        assertThat(after.refundable()).hasSize(1);
    }

    private static <T> List<List<T>> chunksOf(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return chunks;
    }
}
