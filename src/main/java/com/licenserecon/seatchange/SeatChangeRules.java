package com.licenserecon.seatchange;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The seat change rules of the licensing spec ("Seat change requests", rows 1-10), for one request against one
 * subscription state. The first row that fires decides, in the order of the spec's table:
 *
 * <ol>
 * <li>subscription unknown (not in the latest provider data): REJECTED {@code UNKNOWN_SUBSCRIPTION};</li>
 * <li>no CT license record for it: REJECTED {@code NOT_BILLED};</li>
 * <li>status not {@code active}: REJECTED {@code NOT_ACTIVE} (for {@code Additional} too);</li>
 * <li>{@code Additional}: APPLIED; on NCE the new seats form a batch refundable until T + 168 hours;</li>
 * <li>{@code Less}, LEGACY, {@code quantity - amount >= max(assigned, 1)}: APPLIED;</li>
 * <li>{@code Less}, LEGACY, otherwise: REJECTED {@code BELOW_ASSIGNED};</li>
 * <li>{@code Less}, NCE, {@code amount <= refundable(T)} and {@code quantity - amount >= max(assigned, 1)}:
 * APPLIED, consuming the open batch with the earliest deadline first;</li>
 * <li>{@code Less}, NCE, {@code amount <= refundable(T)}, otherwise: stays QUEUED {@code BELOW_ASSIGNED}
 * (retried while the window is open: users may be unassigned meanwhile);</li>
 * <li>{@code Less}, NCE, auto-renew off: REJECTED {@code NO_RENEWAL};</li>
 * <li>{@code Less}, NCE, otherwise: stays QUEUED {@code WAITING_FOR_WINDOW}, with
 * {@code eligible_from = term_end + 1 day, 00:00Z} and {@code window_closes = eligible_from + 7 days}.</li>
 * </ol>
 *
 * <p>{@code refundable(T)} counts the batches whose deadline is strictly after T: a deadline equal to T is closed.
 * A blank {@code assigned} counts as 0, and a decrease always keeps at least 1 seat.
 *
 * <p>Decisions where the spec is silent:
 * <ul>
 * <li><b>Stale renewal window (row 10).</b> When {@code term_end + 1 day} is at or before T (the term has ended
 * but the provider data does not show the renewal yet), {@code eligible_from} and {@code window_closes} are still
 * computed from {@code term_end} as the spec says, even though they lie in the past. They are not moved forward
 * or replaced by a guess: a date in the past tells ops that the provider data is stale. The request stays
 * QUEUED, and a later run with fresh provider data (a new {@code term_end} and the renewed seats as a refundable
 * batch) decides it from that data.</li>
 * <li><b>Row 8 carries no window.</b> {@code eligible_from}/{@code window_closes} are given only for
 * {@code WAITING_FOR_WINDOW}; for a {@code BELOW_ASSIGNED} request that stays queued, the reason sentence names
 * the last refundable deadline instead. Once that deadline passes, the request falls through to row 9 or 10.</li>
 * <li><b>Batches of the new seats use T.</b> An applied {@code Additional} on NCE adds the batch
 * {@code amount @ T + 168 hours}, T being the run's as-of instant (not the wall clock), so a replay at the same T
 * gives the same result. Partner Center's own deadline replaces it once the provider data is read again.</li>
 * <li><b>LEGACY ignores refundable batches</b> entirely: its decreases neither need nor consume them, and its
 * increases add none.</li>
 * <li><b>A CT record counts as billing</b> whatever its own status: the rule asks only whether a record exists.
 * Which records count (linked by id, or an unambiguous unlinked match) is the caller's matching, not this class's.</li>
 * <li><b>A CT record bills no fewer than 0 seats.</b> An applied change moves {@code ct_licenses} by the amount,
 * but a {@code Less} larger than what the record bills (the provider holds seats the reseller never billed) stops
 * it at 0, see {@link #ctLicensesAfter}. The decrease itself is still right: it stops paying for unbilled seats.</li>
 * <li><b>Amounts</b> are validated at intake ({@code amount > 0}); a non-positive amount here is a programming
 * error and throws {@link IllegalArgumentException}. An {@code Additional} has no upper limit here.</li>
 * </ul>
 *
 * <p>Pure: no I/O, no clock, no Spring.
 */
public final class SeatChangeRules {

    /** Length of the NCE renewal window in which queued decreases are applied. */
    public static final Duration RENEWAL_WINDOW = Duration.ofDays(7);

    private SeatChangeRules() {
    }

    /** What the CT record bills after an applied change of {@code delta} seats: moved by the same amount, never below 0. */
    public static int ctLicensesAfter(int ctLicenses, int delta) {
        return Math.max(0, Math.addExact(ctLicenses, delta));
    }

    /**
     * Decides one request.
     *
     * @param kind      {@code Additional} or {@code Less}
     * @param amount    seats to add or remove, {@code > 0}
     * @param state     the subscription as this request sees it; {@code null} when it is not in the latest provider
     *                  data
     * @param ctRecord  whether a CT license record bills the subscription
     * @param asOf      the run's as-of instant T
     */
    public static SeatChangeDecision decide(ChangeKind kind, int amount, SeatState state, boolean ctRecord,
            Instant asOf) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(asOf, "asOf");
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be > 0, was " + amount);
        }
        // Row 1
        if (state == null) {
            return rejected(ReasonCode.UNKNOWN_SUBSCRIPTION, null,
                    "The subscription is not in the latest provider data.");
        }
        int before = state.quantity();
        // Row 2
        if (!ctRecord) {
            return rejected(ReasonCode.NOT_BILLED, state,
                    "No CT license record bills this subscription: new licenses go through Customer Success.");
        }
        // Row 3
        if (!state.isActive()) {
            return rejected(ReasonCode.NOT_ACTIVE, state, "The subscription is " + state.status().wireValue()
                    + " at the provider; seats can only be changed on an active subscription.");
        }
        // Row 4
        if (kind == ChangeKind.ADDITIONAL) {
            SeatState next = state.withAdded(amount, asOf);
            String refund = state.isNce()
                    ? "; the new seats may be removed until " + asOf.plus(SeatState.REFUND_WINDOW) + "."
                    : ".";
            return applied(state, next, "Added " + seats(amount) + ": " + before + " -> " + next.quantity() + refund);
        }
        boolean keepsEnough = before - amount >= state.minimumQuantity();
        String belowAssigned = "Removing " + amount + " of " + before + " seats would leave " + (before - amount)
                + ", fewer than the " + state.minimumQuantity() + " that must be kept ("
                + (state.assigned() == null ? "assigned unknown" : state.assignedOrZero() + " assigned")
                + ", at least 1)";
        if (!state.isNce()) {
            // Rows 5 and 6
            if (keepsEnough) {
                SeatState next = state.withRemoved(amount, asOf);
                return applied(state, next,
                        "Removed " + seats(amount) + " (legacy): " + before + " -> " + next.quantity() + ".");
            }
            return rejected(ReasonCode.BELOW_ASSIGNED, state, belowAssigned + ".");
        }
        int refundable = state.refundableAt(asOf);
        if (amount <= refundable) {
            // Rows 7 and 8
            if (keepsEnough) {
                SeatState next = state.withRemoved(amount, asOf);
                return applied(state, next, "Removed " + seats(amount) + " within the refund window: " + before
                        + " -> " + next.quantity() + ".");
            }
            String until = state.lastRefundDeadline(asOf).map(Instant::toString).orElseThrow();
            return new SeatChangeDecision(SeatChangeStatus.QUEUED, ReasonCode.BELOW_ASSIGNED, before, null, null,
                    null, belowAssigned + "; retried until the refund window closes at " + until + ".", state);
        }
        String notRefundable = refundable == 0
                ? "No seats are refundable now"
                : "Only " + refundable + " of the " + amount + " seats are refundable now";
        // Row 9
        if (!state.autoRenew()) {
            return rejected(ReasonCode.NO_RENEWAL, state, notRefundable
                    + " and auto-renew is off: the subscription expires after " + state.termEnd()
                    + " with no renewal window.");
        }
        // Row 10
        Instant eligibleFrom = state.renewalInstant();
        Instant windowCloses = eligibleFrom.plus(RENEWAL_WINDOW);
        String stale = eligibleFrom.isAfter(asOf)
                ? ""
                : " (the term has ended: the provider data does not show the renewal yet)";
        return new SeatChangeDecision(SeatChangeStatus.QUEUED, ReasonCode.WAITING_FOR_WINDOW, before, null,
                eligibleFrom, windowCloses, notRefundable + "; waiting for the renewal window from " + eligibleFrom
                        + " to " + windowCloses + stale + ".",
                state);
    }

    private static SeatChangeDecision applied(SeatState before, SeatState after, String reason) {
        return new SeatChangeDecision(SeatChangeStatus.APPLIED, null, before.quantity(), after.quantity(), null, null,
                reason, after);
    }

    private static SeatChangeDecision rejected(ReasonCode code, SeatState state, String reason) {
        return new SeatChangeDecision(SeatChangeStatus.REJECTED, code, state == null ? null : state.quantity(), null,
                null, null, reason, state);
    }

    private static String seats(int amount) {
        return amount + (amount == 1 ? " seat" : " seats");
    }
}
