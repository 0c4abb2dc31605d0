package com.licenserecon.seatchange;

import java.time.Instant;

/** One line of a request's audit trail. */
public record SeatChangeEvent(SeatChangeStatus from, SeatChangeStatus to, String reasonCode, String reason,
        String actor, Instant occurredAt) {
}
