package com.licenserecon.provider;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Partner Center subscription statuses (licensing rules, NCE rule 7). */
public enum ProviderStatus {
    ACTIVE, PENDING, SUSPENDED, EXPIRED, DISABLED, DELETED;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ProviderStatus> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.wireValue().equalsIgnoreCase(text.strip())).findFirst();
    }
}
