package com.licenserecon.csv;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads the typed cells of one row and collects every bad one, so a person sees all problems of a
 * row at once. Cells are trimmed; a blank cell is absent.
 */
public final class RowParser {


    private final CsvRecord row;
    private final List<FieldError> errors = new ArrayList<>();

    public RowParser(CsvRecord row) {
        this.row = row;
        if (!row.hasHeaderWidth()) {
            errors.add(new FieldError(row.file(), row.lineNumber(), "(row)", "",
                    "has %d fields, the header has %d".formatted(row.values().length, row.header().width())));
        }
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    public long lineNumber() {
        return row.lineNumber();
    }

    public void reject(String column, String value, String reason) {
        errors.add(new FieldError(row.file(), row.lineNumber(), column, value, reason));
    }

    /** Free text is capped so that no value can fail the database write instead of being rejected here. */
    public static final int MAX_TEXT_LENGTH = 500;
    private static final int MAX_CODED_LENGTH = 4000;
    /** NUMERIC(19, 4) holds 15 digits before the point; more would fail the database write instead. */
    private static final int MAX_INTEGER_DIGITS = 15;

    public String text(String column, boolean required) {
        return text(column, required, MAX_TEXT_LENGTH);
    }

    private String text(String column, boolean required, int maxLength) {
        String raw = row.cell(column);
        String value = raw == null ? null : raw.strip();
        if (value == null || value.isEmpty()) {
            if (required) {
                reject(column, raw, "is required");
            }
            return null;
        }
        if (value.length() > maxLength) {
            reject(column, value, "is longer than " + maxLength + " characters");
            return null;
        }
        return value;
    }

    public UUID uuid(String column, boolean required) {
        return parse(column, required, "is not a UUID", v -> isUuidText(v) ? Optional.of(UUID.fromString(v)) : Optional.empty());
    }

    /**
     * The canonical 8-4-4-4-12 hex form only: {@link UUID#fromString} alone also takes shortened groups
     * such as 1-2-3-4-5. Checked by position rather than by a regular expression, which took a tenth of
     * the import's parsing at a million rows with three ids each.
     */
    static boolean isUuidText(String v) {
        if (v.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = v.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : Character.digit(c, 16) >= 0 && c < 128;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public Integer integer(String column, boolean required, int minimum) {
        String value = text(column, required);
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < minimum) {
                reject(column, value, "must be an integer >= " + minimum);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            reject(column, value, "is not an integer");
            return null;
        }
    }

    public BigDecimal decimal(String column, boolean required, int maxScale) {
        String value = text(column, required);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal n = new BigDecimal(value);
            if (n.signum() < 0) {
                reject(column, value, "must be >= 0");
                return null;
            }
            if (n.precision() - n.scale() > MAX_INTEGER_DIGITS) {
                reject(column, value, "has more than " + MAX_INTEGER_DIGITS + " digits before the decimal point");
                return null;
            }
            if (n.stripTrailingZeros().scale() > maxScale) {
                reject(column, value, "has more than " + maxScale + " decimal places");
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            reject(column, value, "is not a decimal number");
            return null;
        }
    }

    public LocalDate date(String column, boolean required) {
        return parse(column, required, "is not a date (YYYY-MM-DD)", v -> {
            try {
                return Optional.of(IsoDates.isPlainDate(v) ? IsoDates.plainDate(v) : LocalDate.parse(v));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        });
    }

    public Instant instant(String column, boolean required) {
        return parse(column, required, "is not an ISO-8601 UTC instant (e.g. 2026-11-26T02:00:00Z)",
                InstantText::parse);
    }

    /** Booleans accept true/false, yes/no, 1/0 in any case (file-formats spec). */
    public Boolean bool(String column, boolean required) {
        return parse(column, required, "is not a boolean (true/false, yes/no, 1/0)", v ->
                switch (v.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1" -> Optional.of(true);
                    case "false", "no", "0" -> Optional.of(false);
                    default -> Optional.empty();
                });
    }

    public <T> T parse(String column, boolean required, String reason, Function<String, Optional<T>> parser) {
        String value = text(column, required, MAX_CODED_LENGTH);
        if (value == null) {
            return null;
        }
        Optional<T> parsed = parser.apply(value);
        if (parsed.isEmpty()) {
            reject(column, value, reason);
            return null;
        }
        return parsed.get();
    }
}
