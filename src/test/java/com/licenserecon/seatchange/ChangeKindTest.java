package com.licenserecon.seatchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ChangeKindTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Additional   | ADDITIONAL
            additional   | ADDITIONAL
            ADDITIONAL   | ADDITIONAL
            add          | ADDITIONAL
            Add          | ADDITIONAL
            increase     | ADDITIONAL
            INCREASE     | ADDITIONAL
            '  add  '    | ADDITIONAL
            Less         | LESS
            less         | LESS
            LESS         | LESS
            decrease     | LESS
            Decrease     | LESS
            remove       | LESS
            REMOVE       | LESS
            ' Less '     | LESS
            """)
    void accepts_the_spec_spellings_and_synonyms_in_any_case(String text, ChangeKind expected) {
        assertThat(ChangeKind.parse(text)).contains(expected);
    }

    @ParameterizedTest(name = "surrounding whitespace around \"{0}\" is trimmed")
    @ValueSource(strings = {"\tLess\n", "\r\nadd\t"})
    void trims_surrounding_whitespace(String text) {
        assertThat(ChangeKind.parse(text)).isPresent();
    }

    @ParameterizedTest(name = "\"{0}\" is not a change")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "plus", "minus", "more", "Additionals", "less seats", "ad d", "+", "-", "0"})
    void rejects_anything_else(String text) {
        assertThat(ChangeKind.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"ADDITIONAL, Additional", "LESS, Less"})
    void label_is_the_spelling_of_the_spec(ChangeKind kind, String label) {
        assertThat(kind.label()).isEqualTo(label);
        assertThat(ChangeKind.parse(label)).contains(kind);
    }
}
