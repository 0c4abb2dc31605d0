package com.licenserecon.reconcile;

import com.licenserecon.ctlicense.CtLicense;
import com.licenserecon.provider.ProviderSubscription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The matching rules of the licensing spec over collections in memory. The nightly job does the same
 * matching in the database ({@code ReconciliationQuery}); this one is the reference that the job is
 * tested against, and serves callers with a handful of records.
 */
public final class LicenseMatcher {

    private record TenantSku(UUID tenant, String sku) {
    }

    private LicenseMatcher() {
    }

    public static List<ReconciliationLine> reconcile(Collection<CtLicense> cts, Collection<ProviderSubscription> providers,
            Set<UUID> unreadCustomers) {
        return candidates(cts, providers, unreadCustomers).stream().map(ReconciliationRules::decide).toList();
    }

    public static List<MatchCandidate> candidates(Collection<CtLicense> cts, Collection<ProviderSubscription> providers,
            Set<UUID> unreadCustomers) {
        Map<UUID, ProviderSubscription> byId = new HashMap<>();
        providers.forEach(p -> byId.put(p.subscriptionId(), p));

        // Rule 1: a CT record's subscription id claims that provider subscription.
        Set<UUID> claimed = new HashSet<>();
        for (CtLicense ct : cts) {
            if (ct.isLinked() && byId.containsKey(ct.subscriptionId())) {
                claimed.add(ct.subscriptionId());
            }
        }
        // Rule 2: unlinked CT records compete for the unclaimed subscriptions of their (tenant, SKU).
        Map<TenantSku, List<ProviderSubscription>> free = new LinkedHashMap<>();
        for (ProviderSubscription p : providers) {
            if (!claimed.contains(p.subscriptionId())) {
                free.computeIfAbsent(new TenantSku(p.customerTenantId(), p.skuPartNumber()), k -> new ArrayList<>()).add(p);
            }
        }
        Map<TenantSku, Long> unlinkedRecords = new HashMap<>();
        for (CtLicense ct : cts) {
            if (!ct.isLinked()) {
                unlinkedRecords.merge(new TenantSku(ct.customerTenantId(), ct.skuPartNumber()), 1L, Long::sum);
            }
        }

        List<MatchCandidate> candidates = new ArrayList<>();
        Set<UUID> pairedByTenantSku = new HashSet<>();
        for (CtLicense ct : cts) {
            boolean unread = unreadCustomers.contains(ct.customerTenantId());
            if (ct.isLinked()) {
                candidates.add(new MatchCandidate(ct, byId.get(ct.subscriptionId()), 0, 0, unread));
                continue;
            }
            TenantSku key = new TenantSku(ct.customerTenantId(), ct.skuPartNumber());
            List<ProviderSubscription> options = free.getOrDefault(key, List.of());
            long records = unlinkedRecords.get(key);
            ProviderSubscription single = null;
            if (!unread && ReconciliationRules.unlinkedMatch(records, options.size()) == ReconciliationRules.UnlinkedMatch.ONE) {
                single = options.get(0);
                pairedByTenantSku.add(single.subscriptionId());
            }
            candidates.add(new MatchCandidate(ct, single, records, options.size(), unread));
        }
        // Rule 3: whatever nothing matched is MISSING_IN_CT.
        for (List<ProviderSubscription> options : free.values()) {
            for (ProviderSubscription p : options) {
                if (!pairedByTenantSku.contains(p.subscriptionId())) {
                    candidates.add(MatchCandidate.unclaimed(p));
                }
            }
        }
        return candidates;
    }
}
