package com.licenserecon.provider.partnercenter;

/**
 * A Partner Center subscription that cannot become a provider snapshot row (an unknown status, a missing
 * quantity or date). Its customer is then not audited in the run: dropping the one subscription would
 * turn it into a false MISSING_AT_PROVIDER.
 */
public class SubscriptionMappingException extends RuntimeException {

    private final String subscriptionId;

    public SubscriptionMappingException(String subscriptionId, String reason) {
        super("subscription " + subscriptionId + ": " + reason);
        this.subscriptionId = subscriptionId;
    }

    public String subscriptionId() {
        return subscriptionId;
    }
}
