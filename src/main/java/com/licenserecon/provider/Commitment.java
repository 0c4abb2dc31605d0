package com.licenserecon.provider;

import java.util.Optional;

/** NCE subscriptions follow the 7-day decrease rules; LEGACY ones may be decreased at any time. */
public enum Commitment {
    NCE, LEGACY;

    public static Optional<Commitment> parse(String text) {
        String name = text.strip();
        for (Commitment commitment : VALUES) {
            if (commitment.name().equalsIgnoreCase(name)) {
                return Optional.of(commitment);
            }
        }
        return Optional.empty();
    }

    /** A loop, not a stream: this runs for every row of a million-row file. */
    private static final Commitment[] VALUES = values();
}
