package com.licenserecon.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The provider file's refundable column: quantity@instant pairs joined by ';' (Partner Center's refundableQuantity.details). */
class RefundableBatchTest {

    @Test
    @DisplayName("one pair is one batch")
    void onePair() {
        assertThat(RefundableBatch.parseAll("89@2026-07-15T20:00:00Z"))
                .contains(List.of(new RefundableBatch(89, Instant.parse("2026-07-15T20:00:00Z"))));
    }

    @Test
    @DisplayName("pairs joined by ';' are batches, in file order")
    void severalPairs() {
        assertThat(RefundableBatch.parseAll("10@2026-11-14T00:00:00Z;5@2026-11-29T13:05:00Z")).contains(List.of(
                new RefundableBatch(10, Instant.parse("2026-11-14T00:00:00Z")),
                new RefundableBatch(5, Instant.parse("2026-11-29T13:05:00Z"))));
    }

    @Test
    @DisplayName("spaces around pairs, quantities and instants are ignored")
    void spacesAreIgnored() {
        assertThat(RefundableBatch.parseAll(" 10 @ 2026-11-14T00:00:00Z ; 5@2026-11-29T13:05:00Z ")).contains(List.of(
                new RefundableBatch(10, Instant.parse("2026-11-14T00:00:00Z")),
                new RefundableBatch(5, Instant.parse("2026-11-29T13:05:00Z"))));
    }

    @Test
    @DisplayName("an instant with an offset is normalised to UTC")
    void offsetIsNormalisedToUtc() {
        assertThat(RefundableBatch.parseAll("5@2026-11-29T15:05:00+02:00"))
                .contains(List.of(new RefundableBatch(5, Instant.parse("2026-11-29T13:05:00Z"))));
    }

    @Test
    @DisplayName("a batch of 0 seats is accepted")
    void zeroQuantity() {
        assertThat(RefundableBatch.parseAll("0@2026-11-14T00:00:00Z"))
                .contains(List.of(new RefundableBatch(0, Instant.parse("2026-11-14T00:00:00Z"))));
    }

    @ParameterizedTest(name = "''{0}''")
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    @DisplayName("blank is no batches")
    void blankIsNoBatches(String text) {
        assertThat(RefundableBatch.parseAll(text)).contains(List.of());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {
            "10",
            "10@",
            "@2026-11-14T00:00:00Z",
            "ten@2026-11-14T00:00:00Z",
            "-1@2026-11-14T00:00:00Z",
            "1.5@2026-11-14T00:00:00Z",
            "10@2026-11-14",
            "10@2026-11-14T00:00:00",
            "10@tomorrow",
            "10@2026-11-14T00:00:00Z@x",
            "10@2026-11-14T00:00:00Z,5@2026-11-29T13:05:00Z",
            "10@2026-11-14T00:00:00Z;;5@2026-11-29T13:05:00Z",
            "10@2026-11-14T00:00:00Z;garbage",
    })
    @DisplayName("anything but quantity@instant pairs joined by ';' does not parse")
    void malformedDoesNotParse(String text) {
        assertThat(RefundableBatch.parseAll(text)).isEmpty();
    }

    @Test
    @DisplayName("a deadline outside the years 1 to 9999 does not parse: the reports write four-digit years")
    void deadlineOutsideFourDigitYears() {
        assertThat(com.licenserecon.csv.InstantText.parse("+10000-01-01T00:00:00Z")).as("an instant all the same").isPresent();

        assertThat(RefundableBatch.parseAll("10@+10000-01-01T00:00:00Z")).isEmpty();
        assertThat(RefundableBatch.parseAll("10@9999-12-31T23:59:59Z")).isPresent();
    }

    @Test
    @DisplayName("format writes quantity@instant pairs joined by ';'")
    void format() {
        assertThat(RefundableBatch.format(List.of(
                new RefundableBatch(10, Instant.parse("2026-11-14T00:00:00Z")),
                new RefundableBatch(5, Instant.parse("2026-11-29T13:05:00Z")))))
                .isEqualTo("10@2026-11-14T00:00:00Z;5@2026-11-29T13:05:00Z");
    }

    @Test
    @DisplayName("no batches format as blank")
    void formatEmpty() {
        assertThat(RefundableBatch.format(List.of())).isEmpty();
    }

    @Test
    @DisplayName("format and parseAll round-trip")
    void roundTrip() {
        List<RefundableBatch> batches = List.of(
                new RefundableBatch(173, Instant.parse("2026-10-20T08:00:00Z")),
                new RefundableBatch(18, Instant.parse("2026-11-28T07:00:00Z")),
                new RefundableBatch(1, Instant.parse("2026-11-28T07:00:30.5Z")));

        assertThat(RefundableBatch.parseAll(RefundableBatch.format(batches))).contains(batches);
    }
}
