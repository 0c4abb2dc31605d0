package com.licenserecon.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.provider.Commitment;
import com.licenserecon.provider.ProviderStatus;
import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.seatchange.ChangeKind;
import com.licenserecon.seatchange.SeatChangePreview;
import com.licenserecon.seatchange.SeatChangeRules;
import com.licenserecon.seatchange.SeatState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How the page words the rules' decision: what will happen, and when. */
class PredictedOutcomeTest {

    static final Instant RUN = Instant.parse("2026-11-26T02:15:00Z");

    /** Active NCE, 60 seats, 30 assigned, auto-renew, term ends 2026-12-31, nothing refundable at the run. */
    static ProviderSubscription subscription(Commitment commitment, boolean autoRenew, int assigned) {
        return new ProviderSubscription(UUID.randomUUID(), "Customer", UUID.randomUUID(), null, "SPE_F1",
                "Microsoft 365 F3", 60, assigned, ProviderStatus.ACTIVE, autoRenew, commitment, "P1Y", "annual",
                LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), List.of());
    }

    static PredictedOutcome predicted(ProviderSubscription s, ChangeKind kind, int amount) {
        return PredictedOutcome.of(new SeatChangePreview.NewRequest(
                SeatChangeRules.decide(kind, amount, SeatState.of(s), true, RUN), 0), RUN);
    }

    @Test
    void anAdditionalSaysItIsAppliedAtTheNextRunWithTheNewQuantity() {
        PredictedOutcome outcome = predicted(subscription(Commitment.NCE, true, 30), ChangeKind.ADDITIONAL, 5);

        assertThat(outcome.headline()).isEqualTo("Applied at the next run, 2026-11-26 02:15 UTC: 60 → 65 seats.");
        assertThat(outcome.saveOffered()).isTrue();
    }

    @Test
    void anNceLessOutsideTheWindowSaysWhichDayTheWindowOpens() {
        PredictedOutcome outcome = predicted(subscription(Commitment.NCE, true, 30), ChangeKind.LESS, 5);

        assertThat(outcome.headline()).startsWith("Waits for the window opening 2027-01-01 (open until 2027-01-08)");
        assertThat(outcome.tone()).isEqualTo("waits");
        assertThat(outcome.saveOffered()).isTrue();
    }

    @Test
    void aLegacyLessBelowTheAssignedSeatsIsRefusedWithTheFloorAndNotOffered() {
        PredictedOutcome outcome = predicted(subscription(Commitment.LEGACY, true, 12), ChangeKind.LESS, 50);

        assertThat(outcome.headline()).isEqualTo("Refused: would drop below 12 assigned seats.");
        assertThat(outcome.saveOffered()).isFalse();
    }

    @Test
    void anNceLessWithAutoRenewOffIsRefusedInTheRulesOwnWords() {
        PredictedOutcome outcome = predicted(subscription(Commitment.NCE, false, 30), ChangeKind.LESS, 5);

        assertThat(outcome.headline()).startsWith("Refused: ").contains("auto-renew is off");
        assertThat(outcome.reason()).isNull();
        assertThat(outcome.saveOffered()).isFalse();
    }
}
