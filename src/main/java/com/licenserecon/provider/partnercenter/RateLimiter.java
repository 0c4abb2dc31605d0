package com.licenserecon.provider.partnercenter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A client-side limit of requests a minute (Partner Center allows a few hundred a minute; license-recon
 * stays below that on its own instead of provoking 429s). A sliding window: {@link #acquire()} blocks
 * until fewer than {@code perMinute} permits were handed out in the last 60 seconds, so no 60-second span
 * ever holds more. Thread-safe; waiting callers are served one after the other.
 */
public class RateLimiter {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private final Sleeper sleeper;
    /** The instants of the permits handed out within the last window, oldest first. At most perMinute. */
    private final Deque<Instant> granted = new ArrayDeque<>();
    private long waits;

    public RateLimiter(int perMinute, Clock clock, Sleeper sleeper) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("requests per minute must be at least 1, not " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Blocks until a request may be sent, and counts it. */
    public synchronized void acquire() throws InterruptedException {
        while (true) {
            Instant now = clock.instant();
            while (!granted.isEmpty() && !granted.peekFirst().plus(WINDOW).isAfter(now)) {
                granted.pollFirst();
            }
            if (granted.size() < perMinute) {
                granted.addLast(now);
                return;
            }
            waits++;
            sleeper.sleep(Duration.between(now, granted.peekFirst().plus(WINDOW)));
        }
    }

    public int perMinute() {
        return perMinute;
    }

    /** How many times a caller had to wait for the window. */
    public synchronized long waits() {
        return waits;
    }
}
