package com.licenserecon.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast reading of the common ISO shapes gives exactly what java.time's strict formatters give. */
class IsoDatesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26", "2028-02-29", "2027-02-29", "2026-02-30", "2026-13-01", "2026-00-10",
            "2026-04-31", "0000-01-01", "9999-12-31", "2026-1-01", "2026/11/26", "2026-11-2\u0666", "+2026-11-26",
            "2026-11-26T00:00:00Z", "20261126"})
    void givenADateText_whenRead_thenAsLocalDateParseReadsIt(String text) {
        Optional<LocalDate> expected = javaTimeDate(text);

        Optional<LocalDate> read = new RowParserProbe(text).date();

        assertThat(read).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26T02:00:00Z", "2028-02-29T23:59:59Z", "2027-02-29T10:00:00Z", "2026-11-26T24:00:00Z",
            "2026-11-26T23:60:00Z", "2026-11-26T23:59:60Z", "2026-11-26T02:00:00+01:00", "2026-11-26T02:00:00.5Z",
            "2026-11-26T02:00Z", "2026-11-26 02:00:00Z", "2026-11-26T02:00:00z", "2026-11-26T0\u0662:00:00Z"})
    void givenAnInstantText_whenRead_thenAsOffsetDateTimeParseReadsIt(String text) {
        Optional<java.time.Instant> expected;
        try {
            expected = Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            expected = Optional.empty();
        }

        assertThat(InstantText.parse(text)).isEqualTo(expected);
    }

    private static Optional<LocalDate> javaTimeDate(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** One row with one date cell, read by {@link RowParser#date}. */
    private record RowParserProbe(String text) {

        Optional<LocalDate> date() {
            CsvHeader header = CsvHeader.of(new String[] {"d"}, "probe.csv", java.util.List.of("d"));
            RowParser parser = new RowParser(new CsvRecord("probe.csv", 2, new String[] {text}, header));
            return Optional.ofNullable(parser.date("d", true));
        }
    }
}
