package com.licenserecon.seatchange;

/** Why a seat change request was rejected or stays queued (the {@code reason_code} column). */
public enum ReasonCode {
    /** Rule 1: the subscription is not in the latest provider data. */
    UNKNOWN_SUBSCRIPTION,
    /** Rule 2: no CT license record bills the subscription; new licenses go through Customer Success. */
    NOT_BILLED,
    /** Rule 3: the provider status is not {@code active}. */
    NOT_ACTIVE,
    /** Rules 6 and 8: the decrease would leave fewer seats than are assigned (and at least 1). */
    BELOW_ASSIGNED,
    /** Rule 9: NCE decrease outside any refundable window, and auto-renew is off: no window will come. */
    NO_RENEWAL,
    /** Rule 10: NCE decrease queued until the 7-day renewal window. */
    WAITING_FOR_WINDOW
}
