package com.licenserecon.provider;

import java.util.Locale;
import java.util.Optional;

/** Partner Center subscription statuses (licensing rules, NCE rule 7). */
public enum ProviderStatus {
    ACTIVE, PENDING, SUSPENDED, EXPIRED, DISABLED, DELETED;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ProviderStatus> parse(String text) {
        String wire = text.strip();
        for (ProviderStatus status : VALUES) {
            if (status.name().equalsIgnoreCase(wire)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** A loop, not a stream: this runs for every row of a million-row file. */
    private static final ProviderStatus[] VALUES = values();
}
