package com.licenserecon.page;

import com.licenserecon.seatchange.ReasonCode;
import com.licenserecon.seatchange.SeatChangeDecision;
import com.licenserecon.seatchange.SeatChangePreview;
import com.licenserecon.seatchange.SeatChangeStatus;
import java.time.Instant;

/**
 * What the seat change rules predict for a request, in the words of the page: a short headline ("Applied at
 * the next run", "Waits for the window opening 2027-01-01", "Refused: would drop below 12 assigned seats") and
 * the rules' own sentence. The decision is the rules' (through {@link SeatChangePreview}); this only words it.
 *
 * @param tone         {@code applied}, {@code waits} or {@code refused}, for the page's styling
 * @param headline     what will happen, and when
 * @param reason       the rules' sentence for the decision; null when the headline is that sentence
 * @param queuedBefore queued requests on the same subscription that the run decides first
 * @param saveOffered  false when the run would refuse the request: queueing it would change nothing
 */
public record PredictedOutcome(String tone, String headline, String reason, int queuedBefore, boolean saveOffered) {

    static PredictedOutcome of(SeatChangePreview.NewRequest predicted, Instant runAt) {
        SeatChangeDecision d = predicted.decision();
        if (d.status() == SeatChangeStatus.APPLIED) {
            return new PredictedOutcome("applied", "Applied at the next run, " + Times.minute(runAt) + ": "
                    + d.quantityBefore() + " → " + d.quantityAfter() + " seats.", d.reason(), predicted.queuedBefore(),
                    true);
        }
        if (d.reasonCode() == ReasonCode.WAITING_FOR_WINDOW) {
            return new PredictedOutcome("waits", "Waits for the window opening " + Times.day(d.eligibleFrom())
                    + " (open until " + Times.day(d.windowCloses()) + "), then applied by the first run in it.",
                    d.reason(), predicted.queuedBefore(), true);
        }
        if (d.reasonCode() == ReasonCode.BELOW_ASSIGNED) {
            String below = "would drop below " + d.nextState().minimumQuantity()
                    + (d.nextState().assignedOrZero() > 0 ? " assigned seats" : " seat");
            return d.status() == SeatChangeStatus.QUEUED
                    ? new PredictedOutcome("waits", "Stays queued: " + below + "; retried while the window is open.",
                            d.reason(), predicted.queuedBefore(), true)
                    : new PredictedOutcome("refused", "Refused: " + below + ".", d.reason(), predicted.queuedBefore(),
                            false);
        }
        // The rules' sentence is the headline itself here.
        return new PredictedOutcome("refused", "Refused: " + d.reason(), null, predicted.queuedBefore(), false);
    }
}
