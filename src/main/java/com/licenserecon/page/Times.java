package com.licenserecon.page;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants as the pages show them: UTC, to the minute, and a midnight (a window's edge) as its date alone. */
final class Times {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String minute(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant);
    }

    /** {@code 2027-01-01} for midnight UTC, else {@code 2027-01-01 13:05 UTC}. */
    static String day(Instant instant) {
        if (instant == null) {
            return "";
        }
        var utc = instant.atOffset(ZoneOffset.UTC);
        return utc.toLocalTime().equals(LocalTime.MIDNIGHT) ? utc.toLocalDate().toString() : minute(instant);
    }

    static String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }
}
