package com.licenserecon.seatchange;

import static com.licenserecon.seatchange.GivenSubscription.T;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenserecon.provider.Commitment;
import com.licenserecon.provider.ProviderStatus;
import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.provider.RefundableBatch;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeatStateTest {

    @Test
    void is_built_from_a_provider_subscription() {
        List<RefundableBatch> batches = List.of(new RefundableBatch(4, Instant.parse("2026-11-28T07:00:00Z")));
        ProviderSubscription subscription = new ProviderSubscription(UUID.randomUUID(), "Contoso", UUID.randomUUID(),
                "CFQ7TTC0LH18:0001", "SPE_E3", "Microsoft 365 E3", 30, null, ProviderStatus.ACTIVE, true,
                Commitment.NCE, "P1Y", "annual", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), batches);

        SeatState state = SeatState.of(subscription);

        assertThat(state).isEqualTo(new SeatState(30, null, ProviderStatus.ACTIVE, true, Commitment.NCE,
                LocalDate.parse("2026-12-31"), batches));
        assertThat(state.assignedOrZero()).isZero();
        assertThat(state.minimumQuantity()).isEqualTo(1);
        assertThat(state.renewalInstant()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "deadline T{0}: counted {1}")
    @CsvSource({"-PT1S, 0", "PT0S, 0", "PT1S, 7", "P7D, 7"})
    void refundable_counts_batches_whose_deadline_is_strictly_after_T(Duration deadlineAfterT, int expected) {
        SeatState state = GivenSubscription.nce().refundable(7, deadlineAfterT).state();

        assertThat(state.refundableAt(T)).isEqualTo(expected);
    }

    @Test
    void removing_takes_the_earliest_open_deadline_first_whatever_the_listed_order() {
        SeatState state = GivenSubscription.nce()
                .refundable(6, ofDays(5))
                .refundable(9, ofHours(-1))   // closed: never touched
                .refundable(4, ofDays(1))
                .state();

        SeatState next = state.withRemoved(5, T);

        assertThat(next.quantity()).isEqualTo(15);
        assertThat(next.refundable()).containsExactly(
                new RefundableBatch(5, T.plus(ofDays(5))),
                new RefundableBatch(9, T.plus(ofHours(-1))));
        assertThat(next.refundableAt(T)).isEqualTo(5);
    }

    @Test
    void adding_on_nce_appends_a_batch_until_T_plus_168_hours() {
        SeatState next = GivenSubscription.nce().state().withAdded(3, T);

        assertThat(next.quantity()).isEqualTo(23);
        assertThat(next.refundable()).containsExactly(new RefundableBatch(3, Instant.parse("2026-12-03T02:00:00Z")));
    }

    @Test
    void adding_or_removing_on_legacy_leaves_the_batches() {
        SeatState state = GivenSubscription.legacy().refundable(2, ofDays(1)).state();

        assertThat(state.withAdded(3, T).refundable()).isEqualTo(state.refundable());
        assertThat(state.withRemoved(3, T).refundable()).isEqualTo(state.refundable());
    }

    @Test
    void is_immutable() {
        SeatState state = GivenSubscription.nce().refundable(5, ofDays(1)).state();

        state.withRemoved(2, T);
        state.withAdded(2, T);

        assertThat(state.quantity()).isEqualTo(20);
        assertThat(state.refundable()).containsExactly(new RefundableBatch(5, T.plus(ofDays(1))));
        assertThatThrownBy(() -> state.refundable().add(new RefundableBatch(1, T)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void removing_more_than_is_refundable_on_nce_is_refused() {
        SeatState state = GivenSubscription.nce().refundable(2, ofDays(1)).state();

        assertThatIllegalArgumentException().isThrownBy(() -> state.withRemoved(3, T));
    }
}
