package com.licenserecon.seatchange;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A drill hook, off unless {@code license-recon.fault.halt-after-provider-calls} is set: halts the JVM
 * right after the n-th provider call, before its outcome is recorded, the worst moment for exactly-once.
 * The crash tests and the fault drills set it; production never does.
 */
@Component
public class FaultInjection {

    /** The exit status of a drilled halt, so a test can tell it from a real failure. */
    public static final int HALT_STATUS = 99;

    private final int haltAfterProviderCalls;
    private final AtomicInteger providerCalls = new AtomicInteger();

    public FaultInjection(@Value("${license-recon.fault.halt-after-provider-calls:0}") int haltAfterProviderCalls) {
        this.haltAfterProviderCalls = haltAfterProviderCalls;
    }

    public void afterProviderCall() {
        if (haltAfterProviderCalls > 0 && providerCalls.incrementAndGet() == haltAfterProviderCalls) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
