package com.licenserecon.provider;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A subscription's refundable batches as the renewal-windows report reads them on PostgreSQL
 * (sql/postgresql/V12): sorted by deadline, ties in the provider's order, with the seats of each batch and
 * all later ones. At a moment T the batches still open are the suffix whose deadline is after T, so their
 * seats are one element, the first deadline the element at the suffix's start, the last one the final
 * element: no text is parsed per report row.
 *
 * @param untilMicros each deadline in microseconds since 1970, rounded up: PostgreSQL keeps microseconds,
 *        and rounding up keeps "deadline &gt; T" exactly as it is for the exact instant (T has microseconds)
 * @param seatsFrom the seats of this batch and every later one
 * @param deadlines each deadline as {@link RefundableBatch#format} writes it
 */
public record RefundSchedule(long[] untilMicros, int[] seatsFrom, String[] deadlines) {

    /** Null for no batches: the column is NULL, as the refundable text is. */
    public static RefundSchedule of(List<RefundableBatch> batches) {
        if (batches.isEmpty()) {
            return null;
        }
        int[] order = IntStream.range(0, batches.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> batches.get(i).allowedUntil()).thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
        int n = order.length;
        long[] untils = new long[n];
        int[] seats = new int[n];
        String[] deadlines = new String[n];
        int later = 0;
        for (int k = n - 1; k >= 0; k--) {
            RefundableBatch batch = batches.get(order[k]);
            untils[k] = microsRoundedUp(batch.allowedUntil());
            later = Math.addExact(later, batch.quantity());
            seats[k] = later;
            deadlines[k] = batch.allowedUntil().toString();
        }
        return new RefundSchedule(untils, seats, deadlines);
    }

    static long microsRoundedUp(Instant instant) {
        long micros = Math.multiplyExact(instant.getEpochSecond(), 1_000_000L) + instant.getNano() / 1000;
        return instant.getNano() % 1000 == 0 ? micros : micros + 1;
    }
}
