package com.licenserecon.ctlicense;

import java.util.Arrays;
import java.util.Optional;

/** The Status column of the reseller's admin page. */
public enum CtStatus {
    Active, Inactive;

    public static Optional<CtStatus> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(text.strip())).findFirst();
    }
}
