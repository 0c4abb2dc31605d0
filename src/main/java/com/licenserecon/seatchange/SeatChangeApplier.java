package com.licenserecon.seatchange;

import com.licenserecon.sync.JobRunLock;
import com.licenserecon.provider.ProviderChange;
import com.licenserecon.provider.ProviderGateway;
import com.licenserecon.provider.ProviderGateways;
import com.licenserecon.provider.ProviderOutcomeUnknownException;
import com.licenserecon.provider.ProviderRefusedException;
import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.seatchange.SeatChangeStore.DecisionToRecord;
import com.licenserecon.seatchange.SubscriptionSeats.AppliedChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides queued requests and applies, exactly once, those the rules say APPLIED, a group at a time: the
 * group's intents are committed first (with its other decisions), then its changes are sent to the provider,
 * then their outcomes (request status, audit, provider quantity, CT licenses) are committed together and the
 * intents removed. A crash in between leaves the intents, and {@link #recover} settles each one by asking the
 * provider side before anything is sent again. Grouping costs nothing in safety (each change still has its
 * intent committed before it is sent, and its outcome recorded only once it is made) and saves two flushes
 * and a dozen round trips per change.
 */
@Service
public class SeatChangeApplier {

    private static final Logger log = LoggerFactory.getLogger(SeatChangeApplier.class);

    private final SeatChangeStore requests;
    private final SubscriptionSeats seats;
    private final SeatChangeIntents intents;
    private final ProviderGateways gateways;
    private final FaultInjection faults;
    private final TransactionTemplate ownTransaction;
    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final Clock clock;
    private final JobRunLock runLock;

    public SeatChangeApplier(SeatChangeStore requests, SubscriptionSeats seats, SeatChangeIntents intents,
            ProviderGateways gateways, FaultInjection faults, PlatformTransactionManager transactionManager,
            DataSource dataSource, Clock clock, JobRunLock runLock) throws SQLException {
        this.runLock = runLock;
        this.requests = requests;
        this.seats = seats;
        this.intents = intents;
        this.gateways = gateways;
        this.faults = faults;
        this.clock = clock;
        // Each step of the protocol commits on its own, whatever transaction the caller is in.
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = new JdbcTemplate(dataSource);
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection.isWrapperFor(PGConnection.class);
        }
    }

    /** A change the rules applied, on its way to the provider. */
    private record Planned(QueuedRequest request, SeatChangeDecision decision, String sku, ProviderSubscription subscription,
            OpenIntent intent, ProviderChange change) {
    }

    /**
     * Decides the requests, given in the run's order, each on the subscription as the requests before it
     * left it, and applies what the rules allow.
     *
     * <p>The work goes in rounds. A round reads the subscriptions and billing records of its requests at
     * once and decides them in order; a request whose subscription a change earlier in the round is about to
     * alter waits for the next round, since how it finds the subscription depends on that change's outcome
     * at the provider (made, refused, unknown). Requests on other subscriptions cannot affect each other, so
     * a round holds every request up to the first change of each subscription; the next round reads the
     * subscriptions again, after the outcomes are committed. Most chunks need one round.
     */
    public void decideAndApply(List<QueuedRequest> queued, SeatChangeRunContext run) throws Exception {
        List<QueuedRequest> pending = queued;
        while (!pending.isEmpty()) {
            pending = round(pending, run);
        }
    }

    /** @return the requests left for the next round */
    private List<QueuedRequest> round(List<QueuedRequest> pending, SeatChangeRunContext run) throws Exception {
        Set<UUID> subscriptionIds = new LinkedHashSet<>();
        pending.forEach(request -> subscriptionIds.add(request.subscriptionId()));
        Map<UUID, ProviderSubscription> subscriptions = seats.subscriptions(run.snapshotId(), subscriptionIds);
        Map<UUID, String> billedBy = seats.billingRecords(run.snapshotId(), subscriptions.values());

        List<DecisionToRecord> decided = new ArrayList<>();
        List<Planned> planned = new ArrayList<>();
        List<QueuedRequest> later = new ArrayList<>();
        Set<UUID> changing = new HashSet<>();
        for (QueuedRequest request : pending) {
            if (changing.contains(request.subscriptionId())) {
                later.add(request);
                continue;
            }
            ProviderSubscription subscription = subscriptions.get(request.subscriptionId());
            String billing = subscription == null ? null : billedBy.get(request.subscriptionId());
            SeatChangeDecision decision = SeatChangeRules.decide(request.kind(), request.amount(),
                    subscription == null ? null : SeatState.of(subscription), billing != null, run.asOf());
            String sku = subscription == null ? null : subscription.skuPartNumber();
            if (!decision.isApplied()) {
                decided.add(new DecisionToRecord(request.requestId(), decision, sku, clock.instant()));
                continue;
            }
            changing.add(request.subscriptionId());
            OpenIntent intent = new OpenIntent(request.requestId(), run.snapshotId(), billing,
                    decision.quantityBefore(), decision.quantityAfter(),
                    SubscriptionSeats.refundableText(decision.nextState()), decision.reason(), run.asOf(), run.outbox(),
                    run.jobExecutionId(), clock.instant());
            planned.add(new Planned(request, decision, sku, subscription, intent, change(request, intent)));
        }

        if (decided.isEmpty() && planned.isEmpty()) {
            return later;
        }
        // One commit for the round's decisions and intents. It is synchronous when it holds intents: an intent
        // must be durable before its change is sent.
        Set<UUID> opened = ownTransaction.execute(status -> {
            if (planned.isEmpty()) {
                commitLazily();
            }
            requests.recordDecisions(decided, run.jobExecutionId());
            return intents.openAll(planned.stream().map(Planned::intent).toList());
        });
        // A request another run holds or decided meanwhile is left to that run.
        List<Planned> toSend = planned.stream().filter(p -> opened.contains(p.request().requestId())).toList();
        if (!toSend.isEmpty()) {
            send(toSend, run);
        }
        return later;
    }

    private record Refusal(Planned planned, ProviderRefusedException refused) {
    }

    /** Sends the round's changes, then commits their outcomes together. */
    private void send(List<Planned> planned, SeatChangeRunContext run) throws Exception {
        Map<UUID, Planned> byRequest = new LinkedHashMap<>();
        planned.forEach(p -> byRequest.put(p.request().requestId(), p));
        List<Planned> made = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        ProviderGateway gateway = gateways.forOutbox(run.outbox());
        gateway.applyAll(planned.stream().map(Planned::change).toList(), new ProviderGateway.Answers() {
            @Override
            public void sent(ProviderChange change) {
                made.add(byRequest.get(change.requestId()));
                faults.afterProviderCall();
            }

            @Override
            public void refused(ProviderChange change, ProviderRefusedException refused) {
                refusals.add(new Refusal(byRequest.get(change.requestId()), refused));
            }

            @Override
            public void unknown(ProviderChange change, ProviderOutcomeUnknownException unknown) {
                // The intent stays open: the next run asks the provider before sending anything again.
                log.warn("seat change {}: outcome at the provider unknown ({}); settled by the next run",
                        change.requestId(), unknown.getMessage());
            }
        });
        ownTransaction.executeWithoutResult(status -> {
            commitLazily();
            complete(made.stream().map(p -> new Completion(p.request(), p.intent(), p.decision(), p.sku())).toList(),
                    run.jobExecutionId());
            refusals.forEach(r -> requeue(r.planned(), r.refused(), run));
        });
        refusals.forEach(r -> log.warn("seat change {}: refused by the provider ({}), stays queued: {}",
                r.planned().request().requestId(), r.refused().reasonCode(), r.refused().getMessage()));
    }

    /**
     * Settles the changes whose outcome is unknown (a run died between the provider call and recording
     * it): applied at the provider means recorded now, once; not applied means the request stays QUEUED
     * and is decided again from the current data.
     *
     * <p>Only the intents of dead runs: those of this job (this run holds its lock, so an earlier run of it
     * has ended) and those of the other job when no process holds that job's lock. The sync and
     * {@code seatChangeJob} both decide seat changes and may run at once; an intent of the other, live one
     * is a change on its way, and settling it would send the change a second time.
     *
     * @param jobName the job this run belongs to
     * @return how many intents were found applied and recorded
     */
    public int recover(SeatChangeRunContext run, String jobName) throws Exception {
        List<Completion> applied = new ArrayList<>();
        List<UUID> notApplied = new ArrayList<>();
        Map<Long, Boolean> deadRuns = new HashMap<>();
        for (OpenIntent intent : intents.all()) {
            boolean dead = deadRuns.computeIfAbsent(intent.jobExecutionId(), execution -> {
                String owner = intents.jobNameOf(execution);
                return owner == null || owner.equals(jobName) || !runLock.heldElsewhere(owner);
            });
            if (!dead) {
                log.info("seat change {}: its change is being sent by a running {} (execution {}), left to it",
                        intent.requestId(), intents.jobNameOf(intent.jobExecutionId()), intent.jobExecutionId());
                continue;
            }
            StoredRequest stored = requests.find(intent.requestId()).orElseThrow();
            QueuedRequest request = new QueuedRequest(stored.requestId(), stored.requestKey(), stored.customerTenantId(),
                    stored.subscriptionId(), stored.kind(), stored.amount(), stored.requestedBy(), stored.requestedAt());
            ProviderChange change = change(request, intent);
            if (gateways.forOutbox(intent.outbox()).hasApplied(change)) {
                Optional<ProviderSubscription> subscription = seats.subscription(intent.snapshotId(), request.subscriptionId());
                // The reason the rules gave when the intent was written: the report reads the same as if the
                // run that sent the change had recorded it (the log says it was found after a crash).
                SeatChangeDecision decision = new SeatChangeDecision(SeatChangeStatus.APPLIED, null,
                        intent.quantityBefore(), intent.quantityAfter(), null, null,
                        intent.reason() != null ? intent.reason()
                                : "applied at the provider before a crash; recorded by the next run", null);
                applied.add(new Completion(request, intent, decision,
                        subscription.map(ProviderSubscription::skuPartNumber).orElse(null)));
                log.info("seat change {}: found applied at the provider after a crash, recorded once", request.requestId());
            } else {
                notApplied.add(intent.requestId());
                log.info("seat change {}: not applied at the provider, stays queued", request.requestId());
            }
        }
        if (!applied.isEmpty() || !notApplied.isEmpty()) {
            ownTransaction.executeWithoutResult(status -> {
                commitLazily();
                complete(applied, run.jobExecutionId());
                intents.closeAll(notApplied);
            });
        }
        return applied.size();
    }

    /** A change made at the provider, to record. */
    private record Completion(QueuedRequest request, OpenIntent intent, SeatChangeDecision decision, String sku) {
    }

    /** Records changes made at the provider, in their order, inside the caller's transaction. */
    private void complete(List<Completion> made, long jobExecutionId) {
        if (made.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        requests.recordDecisions(made.stream()
                .map(c -> new DecisionToRecord(c.request().requestId(), c.decision(), c.sku(), now)).toList(), jobExecutionId);
        seats.applyChanges(made.stream().map(c -> new AppliedChange(c.intent().snapshotId(), c.request().subscriptionId(),
                c.intent().quantityAfter(), c.intent().refundableAfter(), c.intent().ctLicenseId(),
                c.intent().quantityAfter() - c.intent().quantityBefore())).toList());
        intents.closeAll(made.stream().map(c -> c.request().requestId()).toList());
    }

    /**
     * The provider refused the change (a decrease outside its window, a renewal in progress, an outage):
     * nothing was applied, so the request waits in the queue with the provider's reason, never lost.
     */
    private void requeue(Planned planned, ProviderRefusedException refused, SeatChangeRunContext run) {
        boolean waiting = ReasonCode.WAITING_FOR_WINDOW.name().equals(refused.reasonCode());
        var eligibleFrom = waiting ? SeatState.of(planned.subscription()).renewalInstant() : null;
        requests.requeue(planned.request().requestId(), refused.reasonCode(), "the provider refused: " + refused.getMessage(),
                eligibleFrom, eligibleFrom == null ? null : eligibleFrom.plus(SeatChangeRules.RENEWAL_WINDOW),
                clock.instant(), run.jobExecutionId());
        intents.close(planned.request().requestId());
    }

    /**
     * Lets PostgreSQL acknowledge this transaction's commit before its WAL reaches the disk (asynchronous
     * commit), for the commits whose loss in a server crash the protocol already survives: decisions with
     * no effect at the provider (the requests stay QUEUED and are decided again) and the outcomes after the
     * provider calls (the intents stay, and {@link #recover} settles them from the provider side). A commit
     * holding intents is always synchronous, which also makes every earlier commit durable.
     */
    private void commitLazily() {
        if (postgres) {
            jdbc.execute("SET LOCAL synchronous_commit = off");
        }
    }

    private static ProviderChange change(QueuedRequest request, OpenIntent intent) {
        // The intent's own as-of names the outbox file, so a later run asks the file the change went to.
        return new ProviderChange(request.requestId(), request.customerTenantId(), request.subscriptionId(),
                request.kind().label(), request.amount(), intent.quantityBefore(), intent.quantityAfter(),
                intent.asOf(), intent.createdAt());
    }
}
