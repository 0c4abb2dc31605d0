package com.licenserecon.provider;

import java.time.Instant;
import java.util.List;

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
 * @param text the batches in the provider's order, as {@link RefundableBatch#format} writes them
 */
public record RefundSchedule(long[] untilMicros, long[] seatsFrom, String[] deadlines, String text) {

    /**
     * Null for no batches: the columns are NULL, as the refundable text is. (Deadlines are within the years
     * 1 to 9999, {@link RefundableBatch#isSupported}, which timestamptz holds.)
     */
    public static RefundSchedule of(List<RefundableBatch> batches) {
        // An array, not the list: list lookups inside the loops made the JIT recompile this method five times
        // in a night (1.2 s of compiling, as the lists it met were of one, two or more batches).
        RefundableBatch[] given = batches.toArray(new RefundableBatch[0]);
        int n = given.length;
        if (n == 0) {
            return null;
        }
        // Each instant written once (Instant#toString is the costly part), for the text and the sorted array.
        String[] written = new String[n];
        for (int i = 0; i < n; i++) {
            written[i] = given[i].allowedUntil().toString();
        }
        // A handful of batches: an insertion sort by deadline, stable, so ties keep the provider's order.
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            int j = i;
            while (j > 0 && given[order[j - 1]].allowedUntil().isAfter(given[i].allowedUntil())) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        long[] untils = new long[n];
        long[] seats = new long[n];
        String[] deadlines = new String[n];
        long later = 0;
        for (int k = n - 1; k >= 0; k--) {
            RefundableBatch batch = given[order[k]];
            untils[k] = microsRoundedUp(batch.allowedUntil());
            later += batch.quantity(); // a bigint, as SUM over integers is: batches of 2^31 seats add up
            seats[k] = later;
            deadlines[k] = written[order[k]];
        }
        return new RefundSchedule(untils, seats, deadlines, RefundableBatch.format(given, written));
    }

    static long microsRoundedUp(Instant instant) {
        long micros = Math.multiplyExact(instant.getEpochSecond(), 1_000_000L) + instant.getNano() / 1000;
        return instant.getNano() % 1000 == 0 ? micros : micros + 1;
    }
}
