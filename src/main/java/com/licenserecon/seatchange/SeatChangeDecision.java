package com.licenserecon.seatchange;

import java.time.Instant;
import java.util.Objects;

/**
 * What a run decides for one seat change request.
 *
 * @param status         {@code APPLIED}, {@code REJECTED}, or {@code QUEUED} (stays queued for a later run)
 * @param reasonCode     why it was rejected or stays queued; {@code null} when applied
 * @param quantityBefore the subscription's quantity as this request saw it; {@code null} when the subscription
 *                       is unknown
 * @param quantityAfter  the quantity after the change; only when {@code APPLIED}, else {@code null}
 * @param eligibleFrom   when the next renewal window opens; only for {@code WAITING_FOR_WINDOW}, else {@code null}
 * @param windowCloses   {@code eligibleFrom + 7 days}; only for {@code WAITING_FOR_WINDOW}, else {@code null}
 * @param reason         a sentence for ops saying what happened and why
 * @param nextState      the subscription as the next request in the run sees it: changed when applied, the same
 *                       state otherwise; {@code null} when the subscription is unknown
 */
public record SeatChangeDecision(
        SeatChangeStatus status,
        ReasonCode reasonCode,
        Integer quantityBefore,
        Integer quantityAfter,
        Instant eligibleFrom,
        Instant windowCloses,
        String reason,
        SeatState nextState) {

    public SeatChangeDecision {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if (status == SeatChangeStatus.CANCELLED) {
            throw new IllegalArgumentException("a run never cancels a request");
        }
        if ((status == SeatChangeStatus.APPLIED) != (reasonCode == null)) {
            throw new IllegalArgumentException("a reason code is given exactly when the request is not applied");
        }
        if ((status == SeatChangeStatus.APPLIED) != (quantityAfter != null)) {
            throw new IllegalArgumentException("quantityAfter is given exactly when the request is applied");
        }
        boolean waiting = reasonCode == ReasonCode.WAITING_FOR_WINDOW;
        if (waiting != (eligibleFrom != null) || waiting != (windowCloses != null)) {
            throw new IllegalArgumentException("the window is given exactly for WAITING_FOR_WINDOW");
        }
    }

    public boolean isApplied() {
        return status == SeatChangeStatus.APPLIED;
    }

    public boolean staysQueued() {
        return status == SeatChangeStatus.QUEUED;
    }
}
