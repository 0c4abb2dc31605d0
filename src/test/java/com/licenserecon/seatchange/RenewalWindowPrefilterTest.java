package com.licenserecon.seatchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.provider.Commitment;
import com.licenserecon.provider.ProviderStatus;
import com.licenserecon.report.RenewalWindowsReport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The renewal-windows query leaves out NCE subscriptions without a refundable batch whose term_end is
 * outside {@link RenewalWindowsReport#termEndBounds}: the rule ({@link RenewalWindow#of}) must never keep
 * one of them, or the prefilter would drop a row the report owes.
 */
class RenewalWindowPrefilterTest {

    @Test
    void everyRenewalTheRuleKeepsHasItsTermEndWithinThePrefiltersBounds() {
        // given: subscriptions without refundable batches, term ends around random as-of instants and horizons
        Random random = new Random(20261126);
        int kept = 0;
        for (int i = 0; i < 200_000; i++) {
            Instant asOf = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(3 * 365 * 86_400));
            if (i % 10 == 0) {
                asOf = asOf.truncatedTo(java.time.temporal.ChronoUnit.DAYS); // midnight, the boundary case
            }
            Duration horizon = Duration.ofDays(random.nextInt(60));
            LocalDate termEnd = LocalDate.ofInstant(asOf, java.time.ZoneOffset.UTC).plusDays(random.nextInt(70) - 5);
            SeatState state = new SeatState(10, 5, ProviderStatus.ACTIVE, true, Commitment.NCE, termEnd, List.of());

            // when
            boolean ruleKeeps = RenewalWindow.of(state, asOf, horizon).isPresent();
            LocalDate[] bounds = RenewalWindowsReport.termEndBounds(asOf, horizon);

            // then
            if (ruleKeeps) {
                kept++;
                assertThat(termEnd).as("term_end of a renewal the rule keeps, as of %s, horizon %s", asOf, horizon)
                        .isBetween(bounds[0], bounds[1]);
            }
        }
        assertThat(kept).as("renewals the rule kept").isGreaterThan(10_000);
    }
}
