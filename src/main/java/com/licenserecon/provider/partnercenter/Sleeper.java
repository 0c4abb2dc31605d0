package com.licenserecon.provider.partnercenter;

import java.time.Duration;

/** Waits: back-offs, Retry-After and the rate limit. Tests pass one that only records or moves a clock. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
