package com.licenserecon.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The spec's instants: UTC, ISO-8601 ("2026-11-26T02:00:00Z"). */
class InstantTextTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource({
            "2026-11-26T02:00:00Z,       2026-11-26T02:00:00Z",
            "' 2026-11-26T02:00:00Z ',   2026-11-26T02:00:00Z",
            "2026-11-26T04:00:00+02:00,  2026-11-26T02:00:00Z",
            "2026-11-25T21:00:00-05:00,  2026-11-26T02:00:00Z",
            "2026-11-26T02:00Z,          2026-11-26T02:00:00Z",
            "2026-11-26T02:00:00.250Z,   2026-11-26T02:00:00.250Z",
    })
    @DisplayName("an ISO-8601 instant with an offset is read and normalised to UTC")
    void parses(String text, Instant expected) {
        assertThat(InstantText.parse(text)).contains(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "2026-11-26", "2026-11-26T02:00:00", "26/11/2026 02:00", "now", "2026-11-26 02:00:00Z"})
    @DisplayName("text without a date, time and offset is not an instant")
    void rejects(String text) {
        assertThat(InstantText.parse(text)).isEmpty();
    }

    @Test
    @DisplayName("require names what was expected and the bad text")
    void requireExplains() {
        assertThatThrownBy(() -> InstantText.require("yesterday", "--as-of"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--as-of")
                .hasMessageContaining("yesterday")
                .hasMessageContaining("ISO-8601");
    }

    @Test
    @DisplayName("require returns the instant of valid text")
    void requireReturns() {
        assertThat(InstantText.require("2026-11-26T02:00:00Z", "--as-of")).isEqualTo(Instant.parse("2026-11-26T02:00:00Z"));
    }
}
