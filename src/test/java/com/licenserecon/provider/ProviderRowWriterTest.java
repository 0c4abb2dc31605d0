package com.licenserecon.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.reconcile.ReconciliationQuery;
import com.licenserecon.support.PostgresJobTest;
import com.licenserecon.sync.SnapshotPartitions;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The binary COPY of provider rows into PostgreSQL: every value comes back as it went in. */
class ProviderRowWriterTest extends PostgresJobTest {

    private static final long SNAPSHOT = 900_001;

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    SnapshotPartitions partitions;

    @Test
    void givenRowsWithAwkwardText_whenCopied_thenEveryValueReadsBackTheSame() {
        // given: quotes, separators, line breaks, non-Latin text, empty and absent values, a leap day, refund batches
        List<ProviderSubscription> rows = List.of(
                subscription("say \"hi\", a,b", "two\nlines\r\n", 12, 7, ProviderStatus.ACTIVE, true, Commitment.NCE, "P1Y",
                        "annual", LocalDate.of(2024, 2, 29), LocalDate.of(2025, 2, 28),
                        List.of(new RefundableBatch(3, Instant.parse("2026-11-27T02:00:00Z")),
                                new RefundableBatch(2, Instant.parse("2026-11-28T10:15:30.1234567Z")))),
                subscription("", "Kundé 😀 Ünïcode", 0, null, ProviderStatus.SUSPENDED, false, Commitment.LEGACY, null, null,
                        LocalDate.of(1999, 12, 31), LocalDate.of(2000, 1, 1), List.of()),
                subscription(null, null, Integer.MAX_VALUE, 0, ProviderStatus.DELETED, true, Commitment.NCE, "P3Y", "none",
                        LocalDate.of(2026, 11, 26), LocalDate.of(2029, 11, 25), List.of()));
        jdbc.sql("INSERT INTO provider_snapshot (snapshot_id, as_of, source, created_at) VALUES (?, ?, 'test', ?)")
                .params(SNAPSHOT, Timestamp.from(Instant.now()), Timestamp.from(Instant.now())).update();
        partitions.create(SnapshotPartitions.PROVIDER, SNAPSHOT);

        // when
        Chunk<ProviderRow> chunk = new Chunk<>();
        for (int i = 0; i < rows.size(); i++) {
            chunk.add(new ProviderRow.Accepted(i + 2, rows.get(i)));
        }
        transaction.executeWithoutResult(status -> {
            try {
                new ProviderRowWriter(dataSource, SNAPSHOT).write(chunk);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // then
        assertThat(jdbc.sql(ReconciliationQuery.PROVIDER_SELECT + " WHERE p.snapshot_id = ? ORDER BY p.line_number")
                .param(SNAPSHOT).query(ReconciliationQuery.PROVIDER_ROW).list())
                .containsExactlyElementsOf(rows);
        // and PostgreSQL reads the refund schedule (V12) as RefundSchedule built it: sorted, seats from each on
        assertThat(jdbc.sql("""
                SELECT (SELECT STRING_AGG(TO_CHAR(u AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), ',') FROM UNNEST(refund_untils) u)
                       || ' ' || CAST(refund_seats_from AS TEXT) || ' ' || CAST(refund_deadlines AS TEXT)
                FROM provider_subscription WHERE snapshot_id = ? ORDER BY line_number""").param(SNAPSHOT).query(String.class).list())
                .containsExactly("2026-11-27 02:00:00.000000,2026-11-28 10:15:30.123457 {5,2} "
                        + "{2026-11-27T02:00:00Z,2026-11-28T10:15:30.123456700Z}", null, null);
    }

    private static ProviderSubscription subscription(String customerName, String displayName, int quantity, Integer assigned,
            ProviderStatus status, boolean autoRenew, Commitment commitment, String termDuration, String billingCycle,
            LocalDate termStart, LocalDate termEnd, List<RefundableBatch> refundable) {
        return new ProviderSubscription(UUID.randomUUID(), customerName, UUID.randomUUID(), "offer-" + quantity, "SPE_E3",
                displayName, quantity, assigned, status, autoRenew, commitment, termDuration, billingCycle, termStart, termEnd,
                refundable);
    }
}
