package com.licenserecon.page;

import com.licenserecon.seatchange.ChangeKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The expanded license's form as typed: Amount, Additional or Less, an optional note. Checked here rather than
 * by bean validation so that each field gets its message in the page, next to the field.
 */
public record SeatChangeForm(String change, String amount, String note) {

    static final int MAX_AMOUNT = 999_999_999;
    static final int MAX_NOTE = 4000;

    boolean submitted() {
        return change != null || amount != null;
    }

    /** Field name to message; empty when the form is valid. */
    Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (kind().isEmpty()) {
            errors.put("change", "Choose Additional or Less.");
        }
        if (seats().isEmpty()) {
            errors.put("amount", "Enter a whole number of seats, 1 or more.");
        }
        if (note != null && note.length() > MAX_NOTE) {
            errors.put("note", "Keep the note under " + MAX_NOTE + " characters.");
        }
        return errors;
    }

    Optional<ChangeKind> kind() {
        return ChangeKind.parse(change);
    }

    Optional<Integer> seats() {
        if (amount == null || !amount.strip().matches("\\d{1,9}")) {
            return Optional.empty();
        }
        int seats = Integer.parseInt(amount.strip());
        return seats >= 1 && seats <= MAX_AMOUNT ? Optional.of(seats) : Optional.empty();
    }

    String noteOrNull() {
        return note == null || note.isBlank() ? null : note.strip();
    }

    /** The amount as a number; null when it is not a valid amount. */
    public Integer amountValue() {
        return seats().orElse(null);
    }

    /** The change word as the radio buttons carry it. */
    public String changeValue() {
        return kind().map(ChangeKind::label).orElse(null);
    }
}
