package com.licenserecon.provider;

import java.util.Arrays;
import java.util.Optional;

/** NCE subscriptions follow the 7-day decrease rules; LEGACY ones may be decreased at any time. */
public enum Commitment {
    NCE, LEGACY;

    public static Optional<Commitment> parse(String text) {
        return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(text.strip())).findFirst();
    }
}
