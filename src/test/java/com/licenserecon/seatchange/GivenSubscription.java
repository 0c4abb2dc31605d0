package com.licenserecon.seatchange;

import com.licenserecon.provider.Commitment;
import com.licenserecon.provider.ProviderStatus;
import com.licenserecon.provider.RefundableBatch;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Test data for the seat rules: an active, auto-renewing NCE subscription of 20 seats, 10 assigned, term ending
 * 2027-03-31, no refundable seats; each method changes one thing.
 */
final class GivenSubscription {

    /** The as-of instant T of the tests. */
    static final Instant T = Instant.parse("2026-11-26T02:00:00Z");

    private int quantity = 20;
    private Integer assigned = 10;
    private ProviderStatus status = ProviderStatus.ACTIVE;
    private boolean autoRenew = true;
    private Commitment commitment = Commitment.NCE;
    private LocalDate termEnd = LocalDate.parse("2027-03-31");
    private final List<RefundableBatch> refundable = new ArrayList<>();

    static GivenSubscription nce() {
        return new GivenSubscription();
    }

    static GivenSubscription legacy() {
        return new GivenSubscription().commitment(Commitment.LEGACY);
    }

    GivenSubscription quantity(int quantity) {
        this.quantity = quantity;
        return this;
    }

    GivenSubscription assigned(Integer assigned) {
        this.assigned = assigned;
        return this;
    }

    GivenSubscription status(ProviderStatus status) {
        this.status = status;
        return this;
    }

    GivenSubscription autoRenew(boolean autoRenew) {
        this.autoRenew = autoRenew;
        return this;
    }

    GivenSubscription commitment(Commitment commitment) {
        this.commitment = commitment;
        return this;
    }

    GivenSubscription termEnd(String termEnd) {
        this.termEnd = LocalDate.parse(termEnd);
        return this;
    }

    /** A batch of {@code quantity} seats refundable until {@code T + untilAfterT} (negative: already closed). */
    GivenSubscription refundable(int quantity, Duration untilAfterT) {
        refundable.add(new RefundableBatch(quantity, T.plus(untilAfterT)));
        return this;
    }

    SeatState state() {
        return new SeatState(quantity, assigned, status, autoRenew, commitment, termEnd, refundable);
    }
}
