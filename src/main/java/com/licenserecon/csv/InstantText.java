package com.licenserecon.csv;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.DateTimeException;
import java.util.Optional;

/** Parses the spec's instants: ISO-8601 with an explicit offset, normalised to UTC. */
public final class InstantText {

    private InstantText() {
    }

    public static Optional<Instant> parse(String text) {
        String v = text.strip();
        try {
            return Optional.of(IsoDates.isPlainUtcInstant(v) ? IsoDates.plainUtcInstant(v) : OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    public static Instant require(String text, String what) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(
                "%s '%s' is not an ISO-8601 instant such as 2026-11-26T02:00:00Z".formatted(what, text)));
    }
}
