package com.licenserecon.reconcile;

import com.licenserecon.ctlicense.CtLicense;
import com.licenserecon.provider.ProviderSubscription;

/**
 * The facts the matching rules decide on, for one CT record or one provider subscription that no CT
 * record claimed. For a CT record without a subscription id, {@code unlinkedRecordsForPair} and
 * {@code candidatesForPair} count, for its (tenant, SKU), the unlinked CT records and the provider
 * subscriptions not matched by id; {@code provider} is that single candidate when both counts are 1.
 *
 * @param ct the CT record, or null for a provider subscription that no CT record claimed
 * @param provider the provider subscription found for it, or null
 * @param customerUnread whether the provider data of the CT record's customer could not be read
 */
public record MatchCandidate(CtLicense ct, ProviderSubscription provider, long unlinkedRecordsForPair,
        long candidatesForPair, boolean customerUnread) {

    public static MatchCandidate unclaimed(ProviderSubscription provider) {
        return new MatchCandidate(null, provider, 0, 0, false);
    }
}
