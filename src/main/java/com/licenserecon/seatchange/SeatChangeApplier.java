package com.licenserecon.seatchange;

import com.licenserecon.provider.ProviderChange;
import com.licenserecon.provider.ProviderGateway;
import com.licenserecon.provider.ProviderGateways;
import com.licenserecon.provider.ProviderOutcomeUnknownException;
import com.licenserecon.provider.ProviderRefusedException;
import com.licenserecon.provider.ProviderSubscription;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
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
 * Decides one queued request and, when the rules say APPLIED, applies it exactly once: the intent is
 * committed first, then the provider is called, then the outcome (request status, audit, provider
 * quantity, CT licenses) is committed together and the intent removed. A crash in between leaves the
 * intent, and {@link #recover} settles it by asking the provider side before anything is sent again.
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

    public SeatChangeApplier(SeatChangeStore requests, SubscriptionSeats seats, SeatChangeIntents intents,
            ProviderGateways gateways, FaultInjection faults, PlatformTransactionManager transactionManager,
            DataSource dataSource, Clock clock) throws SQLException {
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

    /** @return the decision, or empty when another run holds or has decided the request meanwhile */
    public Optional<SeatChangeDecision> decideAndApply(QueuedRequest request, SeatChangeRunContext run) throws Exception {
        Optional<ProviderSubscription> subscription = seats.subscription(run.snapshotId(), request.subscriptionId());
        Optional<String> billedBy = subscription.flatMap(s -> seats.billingRecord(run.snapshotId(), s));
        SeatChangeDecision decision = SeatChangeRules.decide(request.kind(), request.amount(),
                subscription.map(SeatState::of).orElse(null), billedBy.isPresent(), run.asOf());
        String sku = subscription.map(ProviderSubscription::skuPartNumber).orElse(null);
        if (!decision.isApplied()) {
            boolean recorded = Boolean.TRUE.equals(ownTransaction.execute(status -> {
                commitLazily();
                return requests.recordDecision(request.requestId(), decision, sku, clock.instant(), run.jobExecutionId());
            }));
            return recorded ? Optional.of(decision) : Optional.empty();
        }

        String refundableAfter = SubscriptionSeats.refundableText(decision.nextState());
        OpenIntent intent = new OpenIntent(request.requestId(), run.snapshotId(), billedBy.get(),
                decision.quantityBefore(), decision.quantityAfter(), refundableAfter, run.asOf(), run.outbox(),
                run.jobExecutionId(), clock.instant());
        if (!Boolean.TRUE.equals(ownTransaction.execute(status -> intents.open(intent)))) {
            return Optional.empty();
        }
        ProviderGateway gateway = gateways.forOutbox(run.outbox());
        try {
            gateway.apply(change(request, intent));
        } catch (ProviderRefusedException refused) {
            requeue(request, intent, subscription.orElseThrow(), refused, run);
            return Optional.empty();
        } catch (ProviderOutcomeUnknownException unknown) {
            // The intent stays open: the next run asks the provider before sending anything again.
            log.warn("seat change {}: outcome at the provider unknown ({}); settled by the next run",
                    request.requestId(), unknown.getMessage());
            return Optional.empty();
        }
        faults.afterProviderCall();
        complete(request, intent, decision, sku, run.jobExecutionId());
        return Optional.of(decision);
    }

    /**
     * Settles the changes whose outcome is unknown (a run died between the provider call and recording
     * it): applied at the provider means recorded now, once; not applied means the request stays QUEUED
     * and is decided again from the current data.
     *
     * @return how many intents were found applied and recorded
     */
    public int recover(SeatChangeRunContext run) throws Exception {
        int applied = 0;
        for (OpenIntent intent : intents.all()) {
            StoredRequest stored = requests.find(intent.requestId()).orElseThrow();
            QueuedRequest request = new QueuedRequest(stored.requestId(), stored.requestKey(), stored.customerTenantId(),
                    stored.subscriptionId(), stored.kind(), stored.amount(), stored.requestedBy(), stored.requestedAt());
            ProviderChange change = change(request, intent);
            if (gateways.forOutbox(intent.outbox()).hasApplied(change)) {
                Optional<ProviderSubscription> subscription = seats.subscription(intent.snapshotId(), request.subscriptionId());
                SeatChangeDecision decision = new SeatChangeDecision(SeatChangeStatus.APPLIED, null,
                        intent.quantityBefore(), intent.quantityAfter(), null, null,
                        "applied at the provider before a crash; recorded by the next run", null);
                complete(request, intent, decision, subscription.map(ProviderSubscription::skuPartNumber).orElse(null),
                        run.jobExecutionId());
                applied++;
                log.info("seat change {}: found applied at the provider, recorded once", request.requestId());
            } else {
                ownTransaction.executeWithoutResult(status -> intents.close(intent.requestId()));
                log.info("seat change {}: not applied at the provider, stays queued", request.requestId());
            }
        }
        return applied;
    }

    /**
     * The provider refused the change (a decrease outside its window, a renewal in progress, an outage):
     * nothing was applied, so the request waits in the queue with the provider's reason, never lost.
     */
    private void requeue(QueuedRequest request, OpenIntent intent, ProviderSubscription subscription,
            ProviderRefusedException refused, SeatChangeRunContext run) {
        boolean waiting = ReasonCode.WAITING_FOR_WINDOW.name().equals(refused.reasonCode());
        var eligibleFrom = waiting ? SeatState.of(subscription).renewalInstant() : null;
        ownTransaction.executeWithoutResult(status -> {
            requests.requeue(request.requestId(), refused.reasonCode(), "the provider refused: " + refused.getMessage(),
                    eligibleFrom, eligibleFrom == null ? null : eligibleFrom.plus(SeatChangeRules.RENEWAL_WINDOW),
                    clock.instant(), run.jobExecutionId());
            intents.close(intent.requestId());
        });
        log.warn("seat change {}: refused by the provider ({}), stays queued: {}", request.requestId(),
                refused.reasonCode(), refused.getMessage());
    }

    private void complete(QueuedRequest request, OpenIntent intent, SeatChangeDecision decision, String sku,
            long jobExecutionId) {
        int delta = intent.quantityAfter() - intent.quantityBefore();
        ownTransaction.executeWithoutResult(status -> {
            commitLazily();
            requests.recordDecision(request.requestId(), decision, sku, clock.instant(), jobExecutionId);
            seats.applyChange(intent.snapshotId(), request.subscriptionId(), intent.quantityAfter(),
                    intent.refundableAfter(), intent.ctLicenseId(), delta);
            intents.close(request.requestId());
        });
    }

    /**
     * Lets PostgreSQL acknowledge this transaction's commit before its WAL reaches the disk (asynchronous
     * commit), for the two commits whose loss in a server crash the protocol already survives: a decision
     * with no effect at the provider (the request stays QUEUED and is decided again) and the outcome after
     * the provider call (the intent stays, and {@link #recover} settles it from the provider side). The
     * intent is always committed synchronously, which also makes every earlier commit durable. A flush per
     * commit was most of a seat-change run: 10,000 requests made 16,000 of them.
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
