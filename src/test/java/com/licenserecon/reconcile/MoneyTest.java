package com.licenserecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How amounts are shown in reports: exact, never rounded, at least two decimals, blank when absent. */
class MoneyTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("amounts")
    @DisplayName("an amount is written exactly, with at least two decimals and no exponent")
    void format(BigDecimal amount, String expected) {
        assertThat(Money.format(amount)).isEqualTo(expected);
    }

    /** The amounts and how they are written; MoneySqlTest holds PostgreSQL's format to the same table. */
    static Stream<Arguments> amounts() {
        return Stream.of(AMOUNTS).map(row -> Arguments.of(new BigDecimal(row[0]), row[1]));
    }

    private static final String[][] AMOUNTS = {
            {"0", "0.00"},
            {"0.00", "0.00"},
            {"0.0000", "0.00"},
            {"12.5", "12.50"},
            {"12.5000", "12.50"},
            {"12.50", "12.50"},
            {"12.3400", "12.34"},
            {"1.2345", "1.2345"},
            {"1.2340", "1.234"},
            {"171.00", "171.00"},
            {"171", "171.00"},
            {"-3", "-3.00"},
            {"-0.5", "-0.50"},
            {"-0.0050", "-0.005"},
            {"-86.4192", "-86.4192"},
            {"-12312.00", "-12312.00"},
            {"0.0001", "0.0001"},
            {"1999.990", "1999.99"},
            {"1200", "1200.00"},
            {"1.2E+3", "1200.00"},
            {"-1.2E+3", "-1200.00"},
            {"123456789.123456789", "123456789.123456789"}};

    @Test
    @DisplayName("no amount (null) is blank, never 0")
    void nullIsBlank() {
        assertThat(Money.format(null)).isEqualTo("");
    }
}
