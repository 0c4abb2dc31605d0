package com.licenserecon.provider.partnercenter;

import java.util.UUID;

/**
 * What a Partner Center read could not do, told as it happens so that the run can record it: customers
 * whose CT records get NOT_AUDITED, and offers the SKU map lacks. Reasons are at most 1000 characters and
 * hold no token or secret.
 */
public interface SnapshotProblems {

    /** A customer whose subscriptions could not be read or mapped; none of its subscriptions was yielded. */
    void customerUnread(UUID tenantId, String customerName, String reason);

    /** A subscription yielded with {@code sku_part_number = UNMAPPED:<offerId>}. */
    void mappingGap(UUID tenantId, UUID subscriptionId, String offerId, String reason);

    /**
     * Graph was enabled but the customer's assigned seats could not be read: its subscriptions were yielded
     * with {@code assigned} blank (unknown), as when Graph is not enabled. Ignored unless overridden.
     */
    default void assignedUnknown(UUID tenantId, String customerName, String reason) {
    }
}
