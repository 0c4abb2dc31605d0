package com.licenserecon.provider.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final Instant START = Instant.parse("2026-11-26T02:00:00Z");

    @Test
    void noSixtySecondSpanEverHoldsMoreThanTheLimit() throws Exception {
        MicrosoftFake.MutableClock clock = new MicrosoftFake.MutableClock(START);
        List<Duration> sleeps = new ArrayList<>();
        RateLimiter limiter = new RateLimiter(5, clock, d -> {
            sleeps.add(d);
            clock.advance(d);
        });
        List<Instant> granted = new ArrayList<>();

        for (int i = 0; i < 23; i++) {
            limiter.acquire();
            granted.add(clock.instant());
            clock.advance(Duration.ofSeconds(3)); // the caller's own work between requests
        }

        for (Instant at : granted) {
            long inWindow = granted.stream().filter(g -> !g.isBefore(at) && g.isBefore(at.plusSeconds(60))).count();
            assertThat(inWindow).as("requests in the minute from %s", at).isLessThanOrEqualTo(5);
        }
        // The first five go at once (3 s apart); the sixth waits until the first is a minute old.
        assertThat(granted.subList(0, 6)).containsExactly(START, START.plusSeconds(3), START.plusSeconds(6),
                START.plusSeconds(9), START.plusSeconds(12), START.plusSeconds(60));
        assertThat(sleeps.get(0)).isEqualTo(Duration.ofSeconds(45));
        assertThat(limiter.waits()).isEqualTo(sleeps.size());
        // 23 requests at 5 a minute need four full minutes beyond the first five.
        assertThat(granted.get(22)).isEqualTo(START.plusSeconds(4 * 60 + 6));
    }

    @Test
    void withoutBurstsNobodyWaits() throws Exception {
        MicrosoftFake.MutableClock clock = new MicrosoftFake.MutableClock(START);
        RateLimiter limiter = new RateLimiter(400, clock, d -> {
            throw new AssertionError("no wait expected, asked " + d);
        });
        for (int i = 0; i < 2_000; i++) {
            limiter.acquire();
            clock.advance(Duration.ofMillis(150)); // 400 a minute exactly
        }
        assertThat(limiter.waits()).isZero();
    }

    @Test
    void threadsTogetherStayWithinTheLimit() throws Exception {
        MicrosoftFake.MutableClock clock = new MicrosoftFake.MutableClock(START);
        List<Instant> granted = Collections.synchronizedList(new ArrayList<>());
        RateLimiter limiter = new RateLimiter(10, clock, clock::advance) {
            @Override
            public synchronized void acquire() throws InterruptedException {
                super.acquire();
                granted.add(clock.instant());
            }
        };
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        limiter.acquire();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(granted).hasSize(100);
        for (Instant at : granted) {
            assertThat(granted.stream().filter(g -> !g.isBefore(at) && g.isBefore(at.plusSeconds(60))).count())
                    .isLessThanOrEqualTo(10);
        }
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(9)));
    }

    @Test
    void theLimitMustBePositive() {
        assertThatThrownBy(() -> new RateLimiter(0, java.time.Clock.systemUTC(), Sleeper.REAL))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
