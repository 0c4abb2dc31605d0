package com.licenserecon.provider;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What Microsoft says a customer has: one row of a provider snapshot. */
public record ProviderSubscription(
        UUID customerTenantId,
        String customerName,
        UUID subscriptionId,
        String offerId,
        String skuPartNumber,
        String displayName,
        int quantity,
        Integer assigned,
        ProviderStatus status,
        boolean autoRenew,
        Commitment commitment,
        String termDuration,
        String billingCycle,
        LocalDate termStart,
        LocalDate termEnd,
        List<RefundableBatch> refundable) {

    public ProviderSubscription {
        refundable = refundable == null ? List.of() : List.copyOf(refundable);
    }

    /** Seats bought but not assigned to anyone; null when the assigned count is unknown. */
    public Integer unusedSeats() {
        return assigned == null ? null : Math.max(0, quantity - assigned);
    }

    /** {@code term_end} is the inclusive last day of the term, so the subscription renews the day after. */
    public LocalDate renewalDate() {
        return termEnd.plusDays(1);
    }
}
