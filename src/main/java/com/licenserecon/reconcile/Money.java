package com.licenserecon.reconcile;

import java.math.BigDecimal;

/** How amounts are shown: exact (never rounded), with at least two decimals. */
public final class Money {

    private Money() {
    }

    public static String format(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        BigDecimal exact = amount.stripTrailingZeros();
        return exact.setScale(Math.max(2, exact.scale())).toPlainString();
    }
}
