package com.licenserecon.seatchange;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an NCE subscription's seats can next be decreased, for the renewal-windows report: open now while
 * some refundable batch is still open at T (from the earliest batch's start to the last deadline), or
 * opening at the next renewal when auto-renew is on and that falls within the horizon.
 */
public record RenewalWindow(Instant opens, Instant closes, boolean openNow) {

    public static Optional<RenewalWindow> of(SeatState state, Instant asOf, Duration horizon) {
        if (!state.isNce()) {
            return Optional.empty();
        }
        var open = state.refundable().stream().filter(b -> b.allowedUntil().isAfter(asOf)).toList();
        if (!open.isEmpty() && state.refundableAt(asOf) > 0) {
            Instant firstDeadline = open.stream().map(b -> b.allowedUntil()).min(Instant::compareTo).orElseThrow();
            Instant lastDeadline = open.stream().map(b -> b.allowedUntil()).max(Instant::compareTo).orElseThrow();
            return Optional.of(new RenewalWindow(firstDeadline.minus(SeatState.REFUND_WINDOW), lastDeadline, true));
        }
        Instant renewal = state.renewalInstant();
        if (state.autoRenew() && renewal.isAfter(asOf) && !renewal.isAfter(asOf.plus(horizon))) {
            return Optional.of(new RenewalWindow(renewal, renewal.plus(SeatChangeRules.RENEWAL_WINDOW), false));
        }
        return Optional.empty();
    }

    /** Months a seat is paid for when a decrease misses its window and the subscription renews. */
    public static Optional<Integer> termMonths(String termDuration) {
        if (termDuration == null) {
            return Optional.empty();
        }
        return switch (termDuration) {
            case "P1M" -> Optional.of(1);
            case "P1Y" -> Optional.of(12);
            case "P3Y" -> Optional.of(36);
            default -> Optional.empty();
        };
    }
}
