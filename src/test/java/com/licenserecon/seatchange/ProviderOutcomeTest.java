package com.licenserecon.seatchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.provider.ProviderChange;
import com.licenserecon.provider.ProviderGateway;
import com.licenserecon.provider.ProviderGateways;
import com.licenserecon.provider.ProviderOutcomeUnknownException;
import com.licenserecon.provider.ProviderRefusedException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * What a run does with the provider's answer when it is not "applied": a refusal puts the request back
 * in the queue with the provider's reason, never lost; an unknown outcome keeps the intent open, and the
 * next run asks the provider before sending anything again.
 */
@Import(ProviderOutcomeTest.ScriptedProvider.class)
class ProviderOutcomeTest extends SeatChangeNight {

    /** A provider whose answer each test chooses. */
    static class ScriptedGateway implements ProviderGateway {

        enum Answer { APPLY, REFUSE_OUTSIDE_WINDOW, TIME_OUT }

        volatile Answer answer = Answer.APPLY;
        volatile boolean reportsApplied;
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void apply(ProviderChange change) throws Exception {
            calls.incrementAndGet();
            switch (answer) {
                case REFUSE_OUTSIDE_WINDOW -> throw new ProviderRefusedException("WAITING_FOR_WINDOW",
                        "800090 the quantity can only be decreased in the cancellation window");
                case TIME_OUT -> throw new ProviderOutcomeUnknownException("read timed out",
                        new java.net.SocketTimeoutException());
                default -> { }
            }
        }

        @Override
        public boolean hasApplied(ProviderChange change) {
            return reportsApplied;
        }
    }

    @TestConfiguration
    static class ScriptedProvider {

        @Bean
        ScriptedGateway scriptedGateway() {
            return new ScriptedGateway();
        }

        @Bean
        @Primary
        ProviderGateways scriptedGateways(ScriptedGateway gateway) {
            return outbox -> gateway;
        }
    }

    @Autowired
    ScriptedGateway provider;

    @BeforeEach
    void givenTheSampleNightWithItsRequestsQueued() throws Exception {
        provider.answer = ScriptedGateway.Answer.APPLY;
        provider.reportsApplied = false;
        provider.calls.set(0);
        givenTheSampleNightSynced();
        submitSamples();
    }

    @Test
    void aRefusalLeavesTheRequestQueuedWithTheProvidersReasonAndChangesNothing() throws Exception {
        provider.answer = ScriptedGateway.Answer.REFUSE_OUTSIDE_WINDOW;
        Map<UUID, Integer> quantitiesBefore = providerQuantities();
        Map<String, Integer> ctBefore = ctLicenses();

        apply(T);

        UUID wouldApply = idOf("k-000002"); // an Additional the rules apply
        StoredRequest request = store.find(wouldApply).orElseThrow();
        assertThat(request.status()).isEqualTo(SeatChangeStatus.QUEUED);
        assertThat(request.reasonCode()).isEqualTo("WAITING_FOR_WINDOW");
        assertThat(request.reason()).contains("800090");
        assertThat(count("SELECT COUNT(*) FROM seat_change_request WHERE status = 'APPLIED'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM seat_change_intent")).isZero();
        assertThat(providerQuantities()).isEqualTo(quantitiesBefore);
        assertThat(ctLicenses()).isEqualTo(ctBefore);
        assertThat(store.history(wouldApply)).last().satisfies(event -> {
            assertThat(event.from()).isEqualTo(SeatChangeStatus.QUEUED);
            assertThat(event.to()).isEqualTo(SeatChangeStatus.QUEUED);
            assertThat(event.reasonCode()).isEqualTo("WAITING_FOR_WINDOW");
        });
    }

    @Test
    void anUnknownOutcomeIsSettledByTheNextRunWithoutSendingTheChangeAgain() throws Exception {
        provider.answer = ScriptedGateway.Answer.TIME_OUT;
        apply(T);
        int sent = provider.calls.get();
        long open = count("SELECT COUNT(*) FROM seat_change_intent");
        assertThat(open).isEqualTo(sent).isPositive();
        assertThat(count("SELECT COUNT(*) FROM seat_change_request WHERE status = 'APPLIED'")).isZero();

        // The provider did apply them after all: the next run records each once and sends nothing again.
        provider.answer = ScriptedGateway.Answer.APPLY;
        provider.reportsApplied = true;
        apply(T);

        assertThat(count("SELECT COUNT(*) FROM seat_change_intent")).isZero();
        assertThat(count("SELECT COUNT(*) FROM seat_change_request WHERE status = 'APPLIED'")).isGreaterThanOrEqualTo(open);
        assertThat(provider.calls.get() - sent)
                .as("calls in the second run are only for requests that had no open intent")
                .isEqualTo(count("SELECT COUNT(*) FROM seat_change_request WHERE status = 'APPLIED'") - open);
    }
}
