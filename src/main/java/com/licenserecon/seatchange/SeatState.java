package com.licenserecon.seatchange;

import com.licenserecon.provider.Commitment;
import com.licenserecon.provider.ProviderStatus;
import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.provider.RefundableBatch;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider subscription as a seat change run sees it: the fields the seat rules read, and the refundable
 * batches. Immutable: applying a change returns the next state, so a run can hand each request the state left
 * by the requests before it.
 *
 * @param quantity   seats purchased
 * @param assigned   seats assigned to users; {@code null} = unknown, treated as 0 by the rules
 * @param status     Partner Center status; only {@code active} subscriptions may change quantity
 * @param autoRenew  whether the subscription renews after {@code termEnd}
 * @param commitment NCE (7-day decrease windows) or LEGACY (decrease any time)
 * @param termEnd    inclusive last day of the current term
 * @param refundable batches of seats that may still be removed, each until its own deadline
 */
public record SeatState(
        int quantity,
        Integer assigned,
        ProviderStatus status,
        boolean autoRenew,
        Commitment commitment,
        LocalDate termEnd,
        List<RefundableBatch> refundable) {

    /** NCE: seats added at purchase, renewal or mid-term may be removed for 7 days (168 hours). */
    public static final Duration REFUND_WINDOW = Duration.ofHours(168);

    public SeatState {
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must be >= 0, was " + quantity);
        }
        if (assigned != null && assigned < 0) {
            throw new IllegalArgumentException("assigned must be >= 0 or unknown, was " + assigned);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(commitment, "commitment");
        Objects.requireNonNull(termEnd, "termEnd");
        refundable = refundable == null ? List.of() : List.copyOf(refundable);
    }

    public static SeatState of(ProviderSubscription subscription) {
        return new SeatState(subscription.quantity(), subscription.assigned(), subscription.status(),
                subscription.autoRenew(), subscription.commitment(), subscription.termEnd(), subscription.refundable());
    }

    public boolean isNce() {
        return commitment == Commitment.NCE;
    }

    public boolean isActive() {
        return status == ProviderStatus.ACTIVE;
    }

    /** Assigned seats, with unknown ({@code null}) read as 0. */
    public int assignedOrZero() {
        return assigned == null ? 0 : assigned;
    }

    /** The fewest seats a decrease may leave: {@code max(assigned, 1)} (NCE rule 5). */
    public int minimumQuantity() {
        return Math.max(assignedOrZero(), 1);
    }

    /**
     * {@code refundable(T)}: seats in the batches whose deadline is strictly after {@code asOf}. A deadline equal
     * to {@code asOf} is closed.
     */
    public int refundableAt(Instant asOf) {
        return openBatches(asOf).stream().mapToInt(RefundableBatch::quantity).sum();
    }

    /** The latest deadline among the batches still open at {@code asOf}, if any. */
    public Optional<Instant> lastRefundDeadline(Instant asOf) {
        return openBatches(asOf).stream().filter(b -> b.quantity() > 0).map(RefundableBatch::allowedUntil)
                .max(Comparator.naturalOrder());
    }

    /** The start of the next renewal window: {@code term_end + 1 day, 00:00Z}. */
    public Instant renewalInstant() {
        return termEnd.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The state after {@code amount} seats are added at {@code asOf}: quantity grows and, on NCE, the new seats
     * form a batch refundable until {@code asOf + 168 hours}.
     */
    public SeatState withAdded(int amount, Instant asOf) {
        requirePositive(amount);
        List<RefundableBatch> batches = refundable;
        if (isNce()) {
            batches = new ArrayList<>(refundable);
            batches.add(new RefundableBatch(amount, asOf.plus(REFUND_WINDOW)));
        }
        return new SeatState(Math.addExact(quantity, amount), assigned, status, autoRenew, commitment, termEnd,
                batches);
    }

    /**
     * The state after {@code amount} seats are removed at {@code asOf}. On NCE the seats come out of the batches
     * still open at {@code asOf}, the one with the earliest deadline first; a batch emptied this way is dropped,
     * and batches already closed are left as they are. LEGACY subscriptions have no refundable windows, so their
     * batches are not touched.
     *
     * @throws IllegalArgumentException on NCE when fewer than {@code amount} seats are refundable at {@code asOf},
     *                                  or when {@code amount} exceeds the quantity
     */
    public SeatState withRemoved(int amount, Instant asOf) {
        requirePositive(amount);
        if (amount > quantity) {
            throw new IllegalArgumentException("cannot remove " + amount + " of " + quantity + " seats");
        }
        if (!isNce()) {
            return new SeatState(quantity - amount, assigned, status, autoRenew, commitment, termEnd, refundable);
        }
        int open = refundableAt(asOf);
        if (amount > open) {
            throw new IllegalArgumentException(
                    "cannot remove " + amount + " seats: only " + open + " are refundable at " + asOf);
        }
        // Indexes of the open batches, earliest deadline first (ties: the order Partner Center listed them).
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < refundable.size(); i++) {
            if (refundable.get(i).allowedUntil().isAfter(asOf)) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparing(i -> refundable.get(i).allowedUntil()));
        int[] left = refundable.stream().mapToInt(RefundableBatch::quantity).toArray();
        int toRemove = amount;
        for (int i : order) {
            int taken = Math.min(toRemove, left[i]);
            left[i] -= taken;
            toRemove -= taken;
            if (toRemove == 0) {
                break;
            }
        }
        List<RefundableBatch> batches = new ArrayList<>();
        for (int i = 0; i < refundable.size(); i++) {
            RefundableBatch batch = refundable.get(i);
            boolean emptiedNow = left[i] == 0 && batch.quantity() > 0;
            if (!emptiedNow) {
                batches.add(left[i] == batch.quantity() ? batch : new RefundableBatch(left[i], batch.allowedUntil()));
            }
        }
        return new SeatState(quantity - amount, assigned, status, autoRenew, commitment, termEnd, batches);
    }

    private List<RefundableBatch> openBatches(Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        return refundable.stream().filter(b -> b.allowedUntil().isAfter(asOf)).toList();
    }

    private static void requirePositive(int amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be > 0, was " + amount);
        }
    }
}
