package com.licenserecon.provider;

import java.util.List;

/** The provider side of a seat change: where an applied change is made real. */
public interface ProviderGateway {

    /**
     * Makes the change at the provider. Returns normally only when the change is there.
     *
     * @throws ProviderRefusedException the change was not applied and the request should wait in the queue
     * @throws ProviderOutcomeUnknownException the change may have been applied: settle with {@link #hasApplied}
     *         before anything is sent again
     */
    void apply(ProviderChange change) throws Exception;

    /** Whether the change with this request id already reached the provider. */
    boolean hasApplied(ProviderChange change) throws Exception;

    /**
     * Makes several changes, in order, as {@link #apply} would one by one, and tells {@code answers} each
     * one's answer as it comes. A change answered {@link Answers#sent} counts as made only once this returns
     * normally: a gateway that can make a group durable at once overrides this (the file gateway forces its
     * outbox once per group instead of once per line). Any other exception leaves every change of the group
     * not yet answered, and those answered sent, with an unknown outcome.
     */
    default void applyAll(List<ProviderChange> changes, Answers answers) throws Exception {
        for (ProviderChange change : changes) {
            try {
                apply(change);
            } catch (ProviderRefusedException refused) {
                answers.refused(change, refused);
                continue;
            } catch (ProviderOutcomeUnknownException unknown) {
                answers.unknown(change, unknown);
                continue;
            }
            answers.sent(change);
        }
    }

    /** The answers of {@link #applyAll}, one per change, in the order of the changes. */
    interface Answers {

        /** The change went out; it is made once {@link #applyAll} returns normally. */
        void sent(ProviderChange change);

        void refused(ProviderChange change, ProviderRefusedException refused);

        void unknown(ProviderChange change, ProviderOutcomeUnknownException unknown);
    }
}
