package com.licenserecon.csv;

/** One bad value in an input file: enough for a person to find and fix it. */
public record FieldError(String file, long lineNumber, String column, String value, String reason) {

    public String describe() {
        return "%s line %d, column %s, value '%s': %s".formatted(file, lineNumber, column, value == null ? "" : value, reason);
    }
}
