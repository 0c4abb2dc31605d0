package com.licenserecon.seatchange;

/**
 * Life cycle of a seat change request: {@code QUEUED -> APPLIED | REJECTED | CANCELLED}. Only a {@code QUEUED}
 * request can be cancelled, and only a {@code QUEUED} request is decided by a run.
 */
public enum SeatChangeStatus {
    QUEUED, APPLIED, REJECTED, CANCELLED;

    /** {@code APPLIED}, {@code REJECTED} and {@code CANCELLED} are final. */
    public boolean isFinal() {
        return this != QUEUED;
    }
}
