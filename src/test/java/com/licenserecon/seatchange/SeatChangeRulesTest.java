package com.licenserecon.seatchange;

import static com.licenserecon.seatchange.ChangeKind.ADDITIONAL;
import static com.licenserecon.seatchange.ChangeKind.LESS;
import static com.licenserecon.seatchange.GivenSubscription.T;
import static com.licenserecon.seatchange.ReasonCode.BELOW_ASSIGNED;
import static com.licenserecon.seatchange.ReasonCode.NOT_ACTIVE;
import static com.licenserecon.seatchange.ReasonCode.NOT_BILLED;
import static com.licenserecon.seatchange.ReasonCode.NO_RENEWAL;
import static com.licenserecon.seatchange.ReasonCode.UNKNOWN_SUBSCRIPTION;
import static com.licenserecon.seatchange.ReasonCode.WAITING_FOR_WINDOW;
import static com.licenserecon.seatchange.SeatChangeStatus.APPLIED;
import static com.licenserecon.seatchange.SeatChangeStatus.QUEUED;
import static com.licenserecon.seatchange.SeatChangeStatus.REJECTED;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.licenserecon.provider.Commitment;
import com.licenserecon.provider.ProviderStatus;
import com.licenserecon.provider.RefundableBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The rows of the spec's "Seat change requests" table, in order: the first row that fires decides. */
class SeatChangeRulesTest {

    private static SeatChangeDecision decide(ChangeKind kind, int amount, GivenSubscription given) {
        return SeatChangeRules.decide(kind, amount, given.state(), true, T);
    }

    static Stream<Arguments> nonActiveStatusesAndKinds() {
        return Arrays.stream(ProviderStatus.values()).filter(s -> s != ProviderStatus.ACTIVE)
                .flatMap(s -> Stream.of(ADDITIONAL, LESS).map(k -> Arguments.of(s, k)));
    }

    static Stream<Arguments> everyStatusAndKind() {
        return Arrays.stream(ProviderStatus.values()).flatMap(s -> Stream.of(ADDITIONAL, LESS).map(k -> Arguments.of(s, k)));
    }

    @Nested
    class Row1_unknown_subscription {

        @ParameterizedTest(name = "{0}, CT record {1}")
        @CsvSource({"ADDITIONAL, true", "ADDITIONAL, false", "LESS, true", "LESS, false"})
        void is_rejected_whatever_else_holds(ChangeKind kind, boolean ctRecord) {
            SeatChangeDecision decision = SeatChangeRules.decide(kind, 1, null, ctRecord, T);

            assertThat(decision.status()).isEqualTo(REJECTED);
            assertThat(decision.reasonCode()).isEqualTo(UNKNOWN_SUBSCRIPTION);
            assertThat(decision.quantityBefore()).isNull();
            assertThat(decision.quantityAfter()).isNull();
            assertThat(decision.nextState()).isNull();
        }
    }

    @Nested
    class Row2_not_billed {

        @ParameterizedTest(name = "{0} subscription, {1}")
        @MethodSource("com.licenserecon.seatchange.SeatChangeRulesTest#everyStatusAndKind")
        void is_rejected_without_a_CT_record_even_when_not_active(ProviderStatus status, ChangeKind kind) {
            SeatState state = GivenSubscription.nce().status(status).state();

            SeatChangeDecision decision = SeatChangeRules.decide(kind, 1, state, false, T);

            assertThat(decision.status()).isEqualTo(REJECTED);
            assertThat(decision.reasonCode()).isEqualTo(NOT_BILLED);
            assertThat(decision.reason()).contains("Customer Success");
            assertThat(decision.quantityBefore()).isEqualTo(20);
            assertThat(decision.nextState()).isEqualTo(state);
        }
    }

    @Nested
    class Row3_not_active {

        @ParameterizedTest(name = "{0}, {1}")
        @MethodSource("com.licenserecon.seatchange.SeatChangeRulesTest#nonActiveStatusesAndKinds")
        void any_other_status_than_active_is_rejected_for_both_kinds(ProviderStatus status, ChangeKind kind) {
            GivenSubscription given = GivenSubscription.nce().status(status).refundable(20, ofDays(3));

            SeatChangeDecision decision = decide(kind, 1, given);

            assertThat(decision.status()).isEqualTo(REJECTED);
            assertThat(decision.reasonCode()).isEqualTo(NOT_ACTIVE);
            assertThat(decision.reason()).contains(status.wireValue());
            assertThat(decision.nextState()).isEqualTo(given.state());
        }

        @ParameterizedTest(name = "LEGACY {0}")
        @EnumSource(value = ProviderStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
        void applies_to_legacy_too(ProviderStatus status) {
            assertThat(decide(LESS, 1, GivenSubscription.legacy().status(status)).reasonCode()).isEqualTo(NOT_ACTIVE);
        }
    }

    @Nested
    class Row4_additional {

        @Test
        void nce_adds_the_seats_and_a_batch_refundable_for_168_hours_from_T() {
            SeatChangeDecision decision = decide(ADDITIONAL, 5, GivenSubscription.nce().refundable(3, ofDays(2)));

            assertThat(decision.status()).isEqualTo(APPLIED);
            assertThat(decision.reasonCode()).isNull();
            assertThat(decision.quantityBefore()).isEqualTo(20);
            assertThat(decision.quantityAfter()).isEqualTo(25);
            assertThat(decision.nextState().quantity()).isEqualTo(25);
            assertThat(decision.nextState().refundable()).containsExactly(
                    new RefundableBatch(3, T.plus(ofDays(2))),
                    new RefundableBatch(5, Instant.parse("2026-12-03T02:00:00Z")));
            assertThat(decision.eligibleFrom()).isNull();
            assertThat(decision.windowCloses()).isNull();
        }

        @Test
        void legacy_adds_the_seats_and_no_batch() {
            SeatChangeDecision decision = decide(ADDITIONAL, 5, GivenSubscription.legacy());

            assertThat(decision.status()).isEqualTo(APPLIED);
            assertThat(decision.quantityAfter()).isEqualTo(25);
            assertThat(decision.nextState().refundable()).isEmpty();
        }

        @Test
        void applies_whatever_the_windows_assignment_and_auto_renew_say() {
            GivenSubscription given = GivenSubscription.nce().quantity(4).assigned(9).autoRenew(false)
                    .termEnd("2026-11-01").refundable(4, ofDays(-30));

            SeatChangeDecision decision = decide(ADDITIONAL, 1, given);

            assertThat(decision.status()).isEqualTo(APPLIED);
            assertThat(decision.quantityAfter()).isEqualTo(5);
        }
    }

    @Nested
    class Rows5and6_legacy_less {

        @Test
        void row5_applies_when_enough_seats_are_left() {
            SeatChangeDecision decision = decide(LESS, 4, GivenSubscription.legacy());

            assertThat(decision.status()).isEqualTo(APPLIED);
            assertThat(decision.quantityBefore()).isEqualTo(20);
            assertThat(decision.quantityAfter()).isEqualTo(16);
            assertThat(decision.nextState().quantity()).isEqualTo(16);
        }

        @Test
        void row6_rejects_when_fewer_seats_than_assigned_would_be_left() {
            SeatChangeDecision decision = decide(LESS, 11, GivenSubscription.legacy());

            assertThat(decision.status()).isEqualTo(REJECTED);
            assertThat(decision.reasonCode()).isEqualTo(BELOW_ASSIGNED);
            assertThat(decision.quantityAfter()).isNull();
            assertThat(decision.nextState().quantity()).isEqualTo(20);
        }

        @Test
        void ignores_refundable_batches_windows_and_auto_renew() {
            GivenSubscription given = GivenSubscription.legacy().autoRenew(false).termEnd("2026-11-01")
                    .refundable(2, ofDays(3));

            SeatChangeDecision decision = decide(LESS, 8, given);

            assertThat(decision.status()).isEqualTo(APPLIED);
            assertThat(decision.quantityAfter()).isEqualTo(12);
            assertThat(decision.nextState().refundable()).as("legacy batches are not consumed")
                    .containsExactly(new RefundableBatch(2, T.plus(ofDays(3))));
        }
    }

    @Nested
    class Rows7and8_nce_less_within_the_refund_window {

        @Test
        void row7_applies_and_consumes_refundable_seats() {
            SeatChangeDecision decision = decide(LESS, 3, GivenSubscription.nce().refundable(5, ofDays(2)));

            assertThat(decision.status()).isEqualTo(APPLIED);
            assertThat(decision.quantityAfter()).isEqualTo(17);
            assertThat(decision.nextState().refundable()).containsExactly(new RefundableBatch(2, T.plus(ofDays(2))));
        }

        @Test
        void row8_stays_queued_below_assigned_without_a_window_and_leaves_the_state() {
            GivenSubscription given = GivenSubscription.nce().quantity(20).assigned(18).refundable(5, ofDays(2));

            SeatChangeDecision decision = decide(LESS, 3, given);

            assertThat(decision.status()).isEqualTo(QUEUED);
            assertThat(decision.reasonCode()).isEqualTo(BELOW_ASSIGNED);
            assertThat(decision.quantityBefore()).isEqualTo(20);
            assertThat(decision.quantityAfter()).isNull();
            assertThat(decision.eligibleFrom()).isNull();
            assertThat(decision.windowCloses()).isNull();
            assertThat(decision.reason()).contains(T.plus(ofDays(2)).toString());
            assertThat(decision.nextState()).isEqualTo(given.state());
        }

        @Test
        void row8_comes_before_no_renewal() {
            GivenSubscription given = GivenSubscription.nce().assigned(19).autoRenew(false).refundable(5, ofDays(2));

            SeatChangeDecision decision = decide(LESS, 3, given);

            assertThat(decision.status()).isEqualTo(QUEUED);
            assertThat(decision.reasonCode()).isEqualTo(BELOW_ASSIGNED);
        }
    }

    @Nested
    class Row9_no_renewal {

        @Test
        void nce_with_auto_renew_off_and_no_refundable_seats_is_rejected() {
            SeatChangeDecision decision = decide(LESS, 1, GivenSubscription.nce().autoRenew(false));

            assertThat(decision.status()).isEqualTo(REJECTED);
            assertThat(decision.reasonCode()).isEqualTo(NO_RENEWAL);
            assertThat(decision.eligibleFrom()).isNull();
            assertThat(decision.windowCloses()).isNull();
        }

        @Test
        void nce_with_auto_renew_off_and_too_few_refundable_seats_is_rejected() {
            SeatChangeDecision decision = decide(LESS, 3, GivenSubscription.nce().autoRenew(false).refundable(2, ofDays(1)));

            assertThat(decision.reasonCode()).isEqualTo(NO_RENEWAL);
            assertThat(decision.nextState().refundable()).containsExactly(new RefundableBatch(2, T.plus(ofDays(1))));
        }
    }

    @Nested
    class Row10_waiting_for_window {

        @Test
        void window_opens_the_day_after_term_end_at_midnight_utc_and_closes_7_days_later() {
            SeatChangeDecision decision = decide(LESS, 1, GivenSubscription.nce().termEnd("2027-03-31"));

            assertThat(decision.status()).isEqualTo(QUEUED);
            assertThat(decision.reasonCode()).isEqualTo(WAITING_FOR_WINDOW);
            assertThat(decision.eligibleFrom()).isEqualTo(Instant.parse("2027-04-01T00:00:00Z"));
            assertThat(decision.windowCloses()).isEqualTo(Instant.parse("2027-04-08T00:00:00Z"));
            assertThat(decision.quantityBefore()).isEqualTo(20);
            assertThat(decision.quantityAfter()).isNull();
            assertThat(decision.nextState()).isEqualTo(GivenSubscription.nce().termEnd("2027-03-31").state());
        }

        @ParameterizedTest(name = "term_end {0}: window {1} .. {2}")
        @CsvSource({
                "2026-11-30, 2026-12-01T00:00:00Z, 2026-12-08T00:00:00Z",
                "2026-12-31, 2027-01-01T00:00:00Z, 2027-01-08T00:00:00Z",
                "2028-02-28, 2028-02-29T00:00:00Z, 2028-03-07T00:00:00Z",
                "2026-11-26, 2026-11-27T00:00:00Z, 2026-12-04T00:00:00Z"})
        void window_values_are_exact(String termEnd, Instant eligibleFrom, Instant windowCloses) {
            SeatChangeDecision decision = decide(LESS, 1, GivenSubscription.nce().termEnd(termEnd));

            assertThat(decision.eligibleFrom()).isEqualTo(eligibleFrom);
            assertThat(decision.windowCloses()).isEqualTo(windowCloses);
        }

        @Test
        void a_window_already_open_by_term_end_is_reported_as_computed_because_the_provider_data_is_stale() {
            // term ended 2026-11-20; the renewal (2026-11-21) is not in the provider data yet
            SeatChangeDecision decision = decide(LESS, 1, GivenSubscription.nce().termEnd("2026-11-20"));

            assertThat(decision.status()).isEqualTo(QUEUED);
            assertThat(decision.reasonCode()).isEqualTo(WAITING_FOR_WINDOW);
            assertThat(decision.eligibleFrom()).isEqualTo(Instant.parse("2026-11-21T00:00:00Z")).isBefore(T);
            assertThat(decision.windowCloses()).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
            assertThat(decision.reason()).contains("does not show the renewal");
        }
    }

    @Nested
    class Boundaries {

        @Test
        void a_refundable_deadline_equal_to_T_is_closed() {
            GivenSubscription given = GivenSubscription.nce().refundable(5, Duration.ZERO);

            assertThat(given.state().refundableAt(T)).isZero();
            assertThat(decide(LESS, 1, given).reasonCode()).isEqualTo(WAITING_FOR_WINDOW);
        }

        @Test
        void a_refundable_deadline_one_second_after_T_is_open() {
            assertThat(decide(LESS, 1, GivenSubscription.nce().refundable(5, ofSeconds(1))).status()).isEqualTo(APPLIED);
        }

        @ParameterizedTest(name = "amount {0}, auto-renew {1}: {2} {3}")
        @CsvSource({
                "5, true,  APPLIED,",
                "6, true,  QUEUED,   WAITING_FOR_WINDOW",
                "5, false, APPLIED,",
                "6, false, REJECTED, NO_RENEWAL"})
        void amount_up_to_the_refundable_seats_applies_one_more_goes_to_row_9_or_10(int amount, boolean autoRenew,
                SeatChangeStatus status, ReasonCode reason) {
            // refundable(T) = 2 + 3; the batch closed an hour ago does not count
            GivenSubscription given = GivenSubscription.nce().autoRenew(autoRenew)
                    .refundable(2, ofHours(5)).refundable(4, ofHours(-1)).refundable(3, ofDays(6));

            SeatChangeDecision decision = decide(LESS, amount, given);

            assertThat(decision.status()).isEqualTo(status);
            assertThat(decision.reasonCode()).isEqualTo(reason);
        }

        @ParameterizedTest(name = "{0}: 20 - {1} with 10 assigned: {2} {3}")
        @CsvSource({
                "NCE,    10, APPLIED,",
                "NCE,    11, QUEUED,   BELOW_ASSIGNED",
                "LEGACY, 10, APPLIED,",
                "LEGACY, 11, REJECTED, BELOW_ASSIGNED"})
        void leaving_exactly_the_assigned_seats_applies_one_less_is_below_assigned(Commitment commitment, int amount,
                SeatChangeStatus status, ReasonCode reason) {
            GivenSubscription given = GivenSubscription.nce().commitment(commitment).quantity(20).assigned(10)
                    .refundable(20, ofDays(1));

            SeatChangeDecision decision = decide(LESS, amount, given);

            assertThat(decision.status()).isEqualTo(status);
            assertThat(decision.reasonCode()).isEqualTo(reason);
        }

        @ParameterizedTest(name = "{0}, assigned {1}: 5 - {2}: {3} {4}")
        @CsvSource({
                "NCE,    ,  4, APPLIED,",
                "NCE,    ,  5, QUEUED,   BELOW_ASSIGNED",
                "NCE,    0, 5, QUEUED,   BELOW_ASSIGNED",
                "LEGACY, ,  4, APPLIED,",
                "LEGACY, ,  5, REJECTED, BELOW_ASSIGNED",
                "LEGACY, 0, 5, REJECTED, BELOW_ASSIGNED"})
        void blank_assigned_counts_as_0_but_at_least_one_seat_is_kept(Commitment commitment, Integer assigned,
                int amount, SeatChangeStatus status, ReasonCode reason) {
            GivenSubscription given = GivenSubscription.nce().commitment(commitment).quantity(5).assigned(assigned)
                    .refundable(5, ofDays(1));

            SeatChangeDecision decision = decide(LESS, amount, given);

            assertThat(decision.status()).isEqualTo(status);
            assertThat(decision.reasonCode()).isEqualTo(reason);
        }

        @Test
        void blank_assigned_is_named_unknown_in_the_reason() {
            SeatChangeDecision decision = decide(LESS, 5, GivenSubscription.legacy().quantity(5).assigned(null));

            assertThat(decision.reason()).contains("assigned unknown", "at least 1");
        }
    }

    @Nested
    class Precedence {

        @Test
        void unknown_subscription_beats_everything() {
            assertThat(SeatChangeRules.decide(LESS, 1_000, null, false, T).reasonCode()).isEqualTo(UNKNOWN_SUBSCRIPTION);
        }

        @Test
        void not_billed_beats_not_active() {
            SeatState deleted = GivenSubscription.nce().status(ProviderStatus.DELETED).state();

            assertThat(SeatChangeRules.decide(ADDITIONAL, 1, deleted, false, T).reasonCode()).isEqualTo(NOT_BILLED);
        }

        @Test
        void not_active_beats_additional() {
            assertThat(decide(ADDITIONAL, 1, GivenSubscription.nce().status(ProviderStatus.SUSPENDED)).reasonCode())
                    .isEqualTo(NOT_ACTIVE);
        }

        @Test
        void not_active_beats_below_assigned_and_the_window_rules() {
            GivenSubscription given = GivenSubscription.nce().status(ProviderStatus.PENDING).autoRenew(false);

            assertThat(decide(LESS, 19, given).reasonCode()).isEqualTo(NOT_ACTIVE);
        }

        @Test
        void below_assigned_outside_the_refund_window_waits_for_the_window_first() {
            // rows 7 and 8 need amount <= refundable(T); otherwise row 10 fires even if the amount is too large
            SeatChangeDecision decision = decide(LESS, 15, GivenSubscription.nce());

            assertThat(decision.reasonCode()).isEqualTo(WAITING_FOR_WINDOW);
        }
    }

    @Nested
    class Inputs {

        @ParameterizedTest
        @CsvSource({"0", "-1"})
        void a_non_positive_amount_is_a_programming_error(int amount) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> SeatChangeRules.decide(LESS, amount, GivenSubscription.nce().state(), true, T));
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({"ADDITIONAL, 1", "LESS, 1", "LESS, 15", "LESS, 100"})
        void every_decision_has_a_reason_sentence(ChangeKind kind, int amount) {
            assertThat(decide(kind, amount, GivenSubscription.nce().refundable(3, ofDays(1))).reason())
                    .isNotBlank().endsWith(".");
        }
    }

    @Nested
    class TheCtRecordAfterAnAppliedChange {

        @ParameterizedTest(name = "bills {0}, change {1} -> {2}")
        @CsvSource({"10, 5, 15", "10, -4, 6", "10, -10, 0", "1, -2, 0", "0, -3, 0", "0, 2, 2"})
        void moves_by_the_same_amount_and_stops_at_zero(int ctLicenses, int delta, int after) {
            assertThat(SeatChangeRules.ctLicensesAfter(ctLicenses, delta)).isEqualTo(after);
        }
    }
}
