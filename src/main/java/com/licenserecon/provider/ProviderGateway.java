package com.licenserecon.provider;

/** The provider side of a seat change: where an applied change is made real. */
public interface ProviderGateway {

    /**
     * Makes the change at the provider. Returns normally only when the change is there; an exception
     * leaves its outcome unknown, to be settled by {@link #hasApplied} before anything is sent again.
     */
    void apply(ProviderChange change) throws Exception;

    /** Whether the change with this request id already reached the provider. */
    boolean hasApplied(ProviderChange change) throws Exception;
}
