package com.licenserecon.support;

import java.nio.file.Path;

/** The shared sample night (a copy of ../shared/samples), as of 2026-11-26T02:00:00Z. */
public final class SampleData {

    public static final String AS_OF = "2026-11-26T02:00:00Z";
    public static final Path DIR = Path.of("samples");
    public static final Path CT_LICENSES = DIR.resolve("ct-licenses.csv");
    public static final Path PROVIDER_LICENSES = DIR.resolve("provider-licenses.csv");
    public static final Path SEAT_CHANGES = DIR.resolve("seat-changes.csv");
    public static final Path EXPECTED_RECON = DIR.resolve("expected-recon.csv");
    public static final Path EXPECTED_CHANGES = DIR.resolve("expected-changes.csv");

    private SampleData() {
    }
}
