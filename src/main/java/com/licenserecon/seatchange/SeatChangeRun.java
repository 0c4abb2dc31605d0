package com.licenserecon.seatchange;

import com.licenserecon.provider.ProviderSubscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One run of the seat change rules at an as-of instant T: decides the {@code QUEUED} requests in
 * ({@code requested_at}, {@code request_id}) order, each against the subscription as left by the requests before it
 * in the same run. Only an applied request changes the subscription; one that is rejected or stays queued leaves
 * it as it was.
 *
 * <p>The inputs are lookups, so the run stays pure: the caller reads the latest provider data and the CT records
 * (and decides which subscriptions count as billed, using the reconciliation matching) and passes them in.
 * The request's {@code customer_tenant_id} plays no part in the rules: a request is about its
 * {@code subscription_id}; checking that the two agree belongs to the intake of requests.
 *
 * <p>Ties on {@code requested_at} are broken by the request id compared as unsigned 128-bit numbers (the order of
 * the canonical lower-case text, and of PostgreSQL's {@code uuid} type), not by {@link UUID#compareTo}, which
 * compares signed halves and would disagree with an {@code ORDER BY requested_at, request_id} in the database.
 */
public final class SeatChangeRun {

    /** Unsigned order of UUIDs, as the database sorts them. */
    public static final Comparator<UUID> UUID_ORDER = Comparator
            .comparing((UUID id) -> id.getMostSignificantBits(), Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    /** The order in which a run decides requests: {@code requested_at}, then {@code request_id}. */
    public static final Comparator<SeatChangeRequest> RUN_ORDER = Comparator
            .comparing(SeatChangeRequest::requestedAt)
            .thenComparing(SeatChangeRequest::requestId, UUID_ORDER);

    /** A request with the decision the run made for it. */
    public record Decided(SeatChangeRequest request, SeatChangeDecision decision) {
    }

    /**
     * The outcome of a run.
     *
     * @param decisions     every request, in the order it was decided
     * @param changedStates the final state of each subscription that an applied request changed in this run
     */
    public record Result(List<Decided> decisions, Map<UUID, SeatState> changedStates) {

        public Result {
            decisions = List.copyOf(decisions);
            changedStates = Collections.unmodifiableMap(new LinkedHashMap<>(changedStates));
        }

        public Optional<SeatChangeDecision> decisionFor(UUID requestId) {
            return decisions.stream().filter(d -> d.request().requestId().equals(requestId)).findFirst()
                    .map(Decided::decision);
        }
    }

    private SeatChangeRun() {
    }

    /**
     * Decides the queued requests of one run.
     *
     * @param queued        the {@code QUEUED} requests, in any order
     * @param subscriptions the latest provider data by subscription id; empty = unknown subscription
     * @param billed        whether a CT license record bills the subscription with this id
     * @param asOf          the run's as-of instant T
     */
    public static Result decide(Collection<SeatChangeRequest> queued,
            Function<UUID, Optional<ProviderSubscription>> subscriptions, Predicate<UUID> billed, Instant asOf) {
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(billed, "billed");
        Objects.requireNonNull(asOf, "asOf");
        List<SeatChangeRequest> ordered = new ArrayList<>(queued);
        ordered.sort(RUN_ORDER);

        Map<UUID, SeatState> changed = new LinkedHashMap<>();
        List<Decided> decisions = new ArrayList<>(ordered.size());
        for (SeatChangeRequest request : ordered) {
            UUID id = request.subscriptionId();
            SeatState state = changed.get(id);
            if (state == null) {
                state = subscriptions.apply(id).map(SeatState::of).orElse(null);
            }
            SeatChangeDecision decision = SeatChangeRules.decide(request.kind(), request.amount(), state,
                    billed.test(id), asOf);
            if (decision.isApplied()) {
                changed.put(id, decision.nextState());
            }
            decisions.add(new Decided(request, decision));
        }
        return new Result(decisions, changed);
    }

    /** {@link #decide(Collection, Function, Predicate, Instant)} over a map of subscriptions and a set of billed ids. */
    public static Result decide(Collection<SeatChangeRequest> queued, Map<UUID, ProviderSubscription> subscriptions,
            Set<UUID> billedSubscriptionIds, Instant asOf) {
        return decide(queued, id -> Optional.ofNullable(subscriptions.get(id)), billedSubscriptionIds::contains, asOf);
    }
}
