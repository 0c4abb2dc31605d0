package com.licenserecon.csv;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The two ISO-8601 shapes that nearly every cell of a provider file has, {@code 2026-11-26} and
 * {@code 2026-11-26T02:00:00Z}, read field by field. {@code java.time}'s formatters resolve each text
 * through a general parser and took a third of the import's parsing at a million rows. A text of any
 * other shape goes to those formatters, which stay the definition of what is valid; the fields read
 * here are checked by {@link LocalDate#of} and {@link LocalDateTime#of}, which throw for a day or time
 * that does not exist, as the strict formatters do.
 */
final class IsoDates {

    private IsoDates() {
    }

    /** {@code yyyy-MM-dd}, ASCII digits. */
    static boolean isPlainDate(String v) {
        return v.length() == 10 && digits(v, 0, 4) && v.charAt(4) == '-' && digits(v, 5, 7) && v.charAt(7) == '-'
                && digits(v, 8, 10);
    }

    static LocalDate plainDate(String v) {
        return LocalDate.of(number(v, 0, 4), number(v, 5, 7), number(v, 8, 10));
    }

    /** {@code yyyy-MM-ddTHH:mm:ssZ}, ASCII digits. */
    static boolean isPlainUtcInstant(String v) {
        return v.length() == 20 && isPlainDate(v.substring(0, 10)) && v.charAt(10) == 'T' && digits(v, 11, 13)
                && v.charAt(13) == ':' && digits(v, 14, 16) && v.charAt(16) == ':' && digits(v, 17, 19) && v.charAt(19) == 'Z';
    }

    static Instant plainUtcInstant(String v) {
        return LocalDateTime.of(number(v, 0, 4), number(v, 5, 7), number(v, 8, 10), number(v, 11, 13), number(v, 14, 16),
                number(v, 17, 19)).toInstant(ZoneOffset.UTC);
    }

    private static boolean digits(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (v.charAt(i) - '0');
        }
        return n;
    }
}
