package com.licenserecon.seatchange;

import java.util.Locale;
import java.util.Optional;

/** The {@code change} column of a seat change request: add seats or remove seats. */
public enum ChangeKind {
    ADDITIONAL("Additional"),
    LESS("Less");

    private final String label;

    ChangeKind(String label) {
        this.label = label;
    }

    /** The spelling the spec and the reports use: {@code Additional} or {@code Less}. */
    public String label() {
        return label;
    }

    /**
     * Reads {@code Additional} or {@code Less}, or one of the accepted synonyms {@code add}, {@code increase}
     * (= {@link #ADDITIONAL}) and {@code decrease}, {@code remove} (= {@link #LESS}); any case, surrounding spaces
     * ignored. Anything else, including {@code null} and blank text, is empty.
     */
    public static Optional<ChangeKind> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "additional", "add", "increase" -> Optional.of(ADDITIONAL);
            case "less", "decrease", "remove" -> Optional.of(LESS);
            default -> Optional.empty();
        };
    }
}
