package com.licenserecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.support.PostgresJobTest;
import java.math.BigDecimal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reports PostgreSQL writes show amounts as {@link Money#format} does: the same table as MoneyTest. */
class MoneySqlTest extends PostgresJobTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("com.licenserecon.reconcile.MoneyTest#amounts")
    @DisplayName("PostgreSQL writes an amount as the Java format does, in the report columns' types")
    void givenAnAmount_whenPostgresqlWritesIt_thenItIsWrittenAsTheJavaFormatWritesIt(BigDecimal amount, String expected) {
        for (String type : new String[] {"NUMERIC", "NUMERIC(19, 4)", "NUMERIC(24, 4)"}) {
            if (type.endsWith("4)") && amount.stripTrailingZeros().scale() > 4) {
                continue; // the report columns hold four decimals
            }
            assertThat(jdbc.sql("SELECT " + Money.sql("amount") + " FROM (SELECT CAST(CAST(? AS NUMERIC) AS " + type + ") AS amount) given")
                    .param(amount.toString()).query(String.class).single())
                    .as("%s as %s", amount, type).isEqualTo(expected);
        }
    }

    @Test
    void givenNoAmount_whenPostgresqlWritesIt_thenItStaysNull() {
        assertThat(jdbc.sql("SELECT " + Money.sql("CAST(NULL AS NUMERIC(19, 4))")).query(String.class).optional()).isEmpty();
    }
}
