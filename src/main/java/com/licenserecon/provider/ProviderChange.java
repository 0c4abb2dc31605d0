package com.licenserecon.provider;

import java.time.Instant;
import java.util.UUID;

/**
 * One seat change to make at the provider, decided by the run as of {@code asOf}. The request id travels with it, so the provider side can be
 * asked later whether this very change already arrived.
 */
public record ProviderChange(UUID requestId, UUID customerTenantId, UUID subscriptionId, String change, int amount,
        int quantityBefore, int quantityAfter, Instant asOf, Instant appliedAt) {
}
