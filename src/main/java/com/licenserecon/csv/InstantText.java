package com.licenserecon.csv;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses the spec's instants: ISO-8601 with an explicit offset, normalised to UTC. */
public final class InstantText {

    private InstantText() {
    }

    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static Instant require(String text, String what) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(
                "%s '%s' is not an ISO-8601 instant such as 2026-11-26T02:00:00Z".formatted(what, text)));
    }
}
