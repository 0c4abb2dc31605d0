package com.licenserecon.seatchange;

import static com.licenserecon.seatchange.ChangeKind.ADDITIONAL;
import static com.licenserecon.seatchange.ChangeKind.LESS;
import static com.licenserecon.seatchange.GivenSubscription.T;
import static java.time.Duration.ofDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.licenserecon.provider.ProviderStatus;
import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.provider.RefundableBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A run decides its queued requests in (requested_at, request_id) order, each seeing the state the previous left. */
class SeatChangeRunTest {

    private static final UUID SUB = UUID.fromString("00000000-0000-0000-0000-00000000a001");
    private static final UUID OTHER = UUID.fromString("00000000-0000-0000-0000-00000000a002");
    private static final UUID UNKNOWN = UUID.fromString("00000000-0000-0000-0000-00000000a0ff");

    private final List<SeatChangeRequest> requests = new ArrayList<>();
    private int nextId = 1;

    /** A request queued {@code hoursBeforeT} hours before T, with ids in the order the requests were written. */
    private UUID request(UUID subscription, ChangeKind kind, int amount, int hoursBeforeT) {
        UUID id = new UUID(0, nextId++);
        requests.add(new SeatChangeRequest(id, subscription, kind, amount, T.minusSeconds(3600L * hoursBeforeT)));
        return id;
    }

    private static ProviderSubscription subscription(UUID id, GivenSubscription given) {
        SeatState s = given.state();
        return new ProviderSubscription(UUID.fromString("11111111-1111-1111-1111-111111111111"), "Contoso", id, null,
                "SPE_E3", "Microsoft 365 E3", s.quantity(), s.assigned(), s.status(), s.autoRenew(), s.commitment(),
                "P1Y", "annual", s.termEnd().minusYears(1).plusDays(1), s.termEnd(), s.refundable());
    }

    private SeatChangeRun.Result run(Map<UUID, ProviderSubscription> subscriptions) {
        return SeatChangeRun.decide(requests, subscriptions, subscriptions.keySet(), T);
    }

    private static SeatChangeDecision decision(SeatChangeRun.Result result, UUID requestId) {
        return result.decisionFor(requestId).orElseThrow();
    }

    @Test
    void requests_on_one_subscription_are_applied_in_requested_at_order_each_seeing_the_previous_result() {
        // given a legacy subscription of 10 seats, 6 assigned, and requests listed out of order
        UUID fourth = request(SUB, LESS, 1, 1);
        UUID second = request(SUB, ADDITIONAL, 2, 30);
        UUID first = request(SUB, LESS, 3, 40);
        UUID third = request(SUB, LESS, 3, 20);

        SeatChangeRun.Result result = run(Map.of(SUB, subscription(SUB,
                GivenSubscription.legacy().quantity(10).assigned(6))));

        assertThat(result.decisions()).extracting(d -> d.request().requestId()).containsExactly(first, second, third,
                fourth);
        assertThat(result.decisions()).extracting(d -> d.decision().status(), d -> d.decision().quantityBefore(),
                d -> d.decision().quantityAfter(), d -> d.decision().reasonCode()).containsExactly(
                        tuple(SeatChangeStatus.APPLIED, 10, 7, null),
                        tuple(SeatChangeStatus.APPLIED, 7, 9, null),
                        tuple(SeatChangeStatus.APPLIED, 9, 6, null),
                        tuple(SeatChangeStatus.REJECTED, 6, null, ReasonCode.BELOW_ASSIGNED));
        assertThat(result.changedStates().get(SUB).quantity()).isEqualTo(6);
    }

    @Test
    void two_decreases_consume_the_batch_with_the_earliest_deadline_first() {
        // given batches of 6 seats (deadline T+5d) and 4 seats (deadline T+1d)
        UUID firstLess = request(SUB, LESS, 3, 2);
        UUID secondLess = request(SUB, LESS, 3, 1);
        GivenSubscription given = GivenSubscription.nce().quantity(30).assigned(5)
                .refundable(6, ofDays(5)).refundable(4, ofDays(1));

        SeatChangeRun.Result result = run(Map.of(SUB, subscription(SUB, given)));

        // the first takes 3 of the 4 seats due first; the second the last of those and 2 of the later batch
        assertThat(decision(result, firstLess).nextState().refundable()).containsExactly(
                new RefundableBatch(6, T.plus(ofDays(5))), new RefundableBatch(1, T.plus(ofDays(1))));
        assertThat(decision(result, secondLess).nextState().refundable()).containsExactly(
                new RefundableBatch(4, T.plus(ofDays(5))));
        assertThat(decision(result, secondLess).quantityAfter()).isEqualTo(24);
        assertThat(result.changedStates().get(SUB).refundableAt(T)).isEqualTo(4);
    }

    @Test
    void an_nce_increase_adds_a_batch_that_a_later_decrease_in_the_same_run_can_consume() {
        // given an NCE subscription with no refundable seats
        UUID add = request(SUB, ADDITIONAL, 5, 3);
        UUID less = request(SUB, LESS, 5, 2);
        UUID oneMore = request(SUB, LESS, 1, 1);

        SeatChangeRun.Result result = run(Map.of(SUB, subscription(SUB, GivenSubscription.nce())));

        assertThat(decision(result, add).quantityAfter()).isEqualTo(25);
        assertThat(decision(result, less).status()).isEqualTo(SeatChangeStatus.APPLIED);
        assertThat(decision(result, less).quantityAfter()).isEqualTo(20);
        assertThat(decision(result, oneMore).reasonCode()).as("the new batch is used up")
                .isEqualTo(ReasonCode.WAITING_FOR_WINDOW);
        assertThat(result.changedStates().get(SUB).refundable()).isEmpty();
    }

    @Test
    void a_request_that_stays_queued_does_not_change_the_subscription() {
        // given 5 refundable seats: a decrease of 50 waits for the window, the next one still sees 20 seats
        UUID waiting = request(SUB, LESS, 50, 2);
        UUID applied = request(SUB, LESS, 2, 1);

        SeatChangeRun.Result result = run(Map.of(SUB, subscription(SUB,
                GivenSubscription.nce().refundable(5, ofDays(1)))));

        assertThat(decision(result, waiting).status()).isEqualTo(SeatChangeStatus.QUEUED);
        assertThat(decision(result, applied).quantityBefore()).isEqualTo(20);
        assertThat(decision(result, applied).quantityAfter()).isEqualTo(18);
    }

    @Test
    void only_subscriptions_changed_by_an_applied_request_are_in_the_changed_states() {
        request(SUB, LESS, 50, 2);               // waits
        request(OTHER, ADDITIONAL, 1, 2);        // applied
        request(UNKNOWN, ADDITIONAL, 1, 1);      // rejected

        SeatChangeRun.Result result = run(Map.of(SUB, subscription(SUB, GivenSubscription.nce()),
                OTHER, subscription(OTHER, GivenSubscription.nce())));

        assertThat(result.changedStates()).containsOnlyKeys(OTHER);
    }

    @Test
    void requests_on_different_subscriptions_do_not_see_each_other() {
        UUID onSub = request(SUB, LESS, 4, 2);
        UUID onOther = request(OTHER, LESS, 4, 1);

        SeatChangeRun.Result result = run(Map.of(SUB, subscription(SUB, GivenSubscription.legacy()),
                OTHER, subscription(OTHER, GivenSubscription.legacy())));

        assertThat(decision(result, onSub).quantityAfter()).isEqualTo(16);
        assertThat(decision(result, onOther).quantityBefore()).isEqualTo(20);
    }

    @Test
    void the_lookups_decide_unknown_and_not_billed() {
        UUID unknown = request(UNKNOWN, ADDITIONAL, 1, 2);
        UUID notBilled = request(OTHER, ADDITIONAL, 1, 1);
        Map<UUID, ProviderSubscription> provider = Map.of(SUB, subscription(SUB, GivenSubscription.nce()),
                OTHER, subscription(OTHER, GivenSubscription.nce()));

        SeatChangeRun.Result result = SeatChangeRun.decide(requests, provider, Set.of(SUB), T);

        assertThat(decision(result, unknown).reasonCode()).isEqualTo(ReasonCode.UNKNOWN_SUBSCRIPTION);
        assertThat(decision(result, notBilled).reasonCode()).isEqualTo(ReasonCode.NOT_BILLED);
    }

    @Test
    void requests_queued_at_the_same_instant_go_in_request_id_order_compared_as_unsigned_like_the_database() {
        // 7fff... < 8000... as unsigned numbers (and as text), though UUID.compareTo says otherwise
        UUID low = UUID.fromString("7fffffff-0000-0000-0000-000000000000");
        UUID high = UUID.fromString("80000000-0000-0000-0000-000000000000");
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        requests.add(new SeatChangeRequest(high, SUB, LESS, 1, at));
        requests.add(new SeatChangeRequest(low, SUB, LESS, 1, at));

        SeatChangeRun.Result result = run(Map.of(SUB, subscription(SUB,
                GivenSubscription.legacy().quantity(2).assigned(null))));

        assertThat(result.decisions()).extracting(d -> d.request().requestId()).containsExactly(low, high);
        assertThat(decision(result, low).status()).isEqualTo(SeatChangeStatus.APPLIED);
        assertThat(decision(result, high).reasonCode()).isEqualTo(ReasonCode.BELOW_ASSIGNED);
        assertThat(low.toString().compareTo(high.toString())).isNegative();
        assertThat(low.compareTo(high)).as("java.util.UUID order differs").isPositive();
    }

    @Test
    void rejected_requests_leave_the_subscription_unchanged() {
        // given a suspended subscription: rejected each time, never changed
        request(SUB, ADDITIONAL, 1, 2);
        request(SUB, LESS, 1, 1);

        SeatChangeRun.Result result = run(Map.of(SUB, subscription(SUB,
                GivenSubscription.nce().status(ProviderStatus.SUSPENDED))));

        assertThat(result.decisions()).extracting(d -> d.decision().reasonCode())
                .containsOnly(ReasonCode.NOT_ACTIVE);
        assertThat(result.changedStates()).isEmpty();
    }

    @Test
    void an_empty_run_decides_nothing() {
        SeatChangeRun.Result result = SeatChangeRun.decide(List.of(), Map.of(), Set.of(), T);

        assertThat(result.decisions()).isEmpty();
        assertThat(result.changedStates()).isEmpty();
    }
}
