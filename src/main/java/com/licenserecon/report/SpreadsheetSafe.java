package com.licenserecon.report;

/**
 * Text that a spreadsheet would run as a formula (first character {@code = + - @}, tab or carriage
 * return) is written with a leading {@code '} (file-formats spec), so a customer name cannot execute.
 */
public final class SpreadsheetSafe {

    private SpreadsheetSafe() {
    }

    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }
}
