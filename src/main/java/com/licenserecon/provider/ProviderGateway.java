package com.licenserecon.provider;

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
}
