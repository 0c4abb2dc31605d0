package com.licenserecon.provider;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Seats added together that may still be removed until {@code allowedUntil} (Partner Center's
 * {@code refundableQuantity.details}). Written as {@code quantity@instant} pairs joined by {@code ;}.
 */
public record RefundableBatch(int quantity, Instant allowedUntil) {

    /**
     * The deadlines taken: years 1 to 9999, which {@link Instant#toString} writes with four digits, as the
     * reports and the PostgreSQL renewal-windows query read them. A deadline outside is a provider error.
     */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    public static boolean isSupported(Instant allowedUntil) {
        return !allowedUntil.isBefore(EARLIEST) && !allowedUntil.isAfter(LATEST);
    }

    public static Optional<List<RefundableBatch>> parseAll(String text) {
        List<RefundableBatch> batches = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return Optional.of(batches);
        }
        for (String pair : text.split(";")) {
            String[] parts = pair.strip().split("@", -1);
            if (parts.length != 2) {
                return Optional.empty();
            }
            try {
                int quantity = Integer.parseInt(parts[0].strip());
                Optional<Instant> until = com.licenserecon.csv.InstantText.parse(parts[1]);
                if (quantity < 0 || until.isEmpty() || !isSupported(until.get())) {
                    return Optional.empty();
                }
                batches.add(new RefundableBatch(quantity, until.get()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(batches);
    }

    public static String format(List<RefundableBatch> batches) {
        return format(batches.toArray(new RefundableBatch[0]),
                batches.stream().map(b -> b.allowedUntil().toString()).toArray(String[]::new));
    }

    /** The same text, with each batch's deadline already written ({@code deadlines[i]} for batch i). */
    static String format(RefundableBatch[] batches, String[] deadlines) {
        StringBuilder text = new StringBuilder(batches.length * 28);
        for (int i = 0; i < batches.length; i++) {
            text.append(i == 0 ? "" : ";").append(batches[i].quantity()).append('@').append(deadlines[i]);
        }
        return text.toString();
    }
}
