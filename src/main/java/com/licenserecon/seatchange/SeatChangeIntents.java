package com.licenserecon.seatchange;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Intents: the half of exactly-once that lives in the database. An intent is committed before the provider
 * call and removed in the transaction that records the outcome.
 */
@Repository
public class SeatChangeIntents {

    private final JdbcClient jdbc;

    public SeatChangeIntents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the intent if the request is still QUEUED and nobody else holds an intent for it. The row
     * lock on the request makes two concurrent runs take turns; the loser sees the request decided (or
     * the intent present) and leaves it alone, so the provider is called once.
     *
     * @return whether this run may now call the provider for the request
     */
    public boolean open(OpenIntent intent) {
        String status = jdbc.sql("SELECT status FROM seat_change_request WHERE request_id = ? FOR UPDATE")
                .param(intent.requestId()).query(String.class).optional().orElse(null);
        boolean held = jdbc.sql("SELECT COUNT(*) FROM seat_change_intent WHERE request_id = ?")
                .param(intent.requestId()).query(Long.class).single() > 0;
        if (!"QUEUED".equals(status) || held) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO seat_change_intent (request_id, snapshot_id, ct_license_id, quantity_before, quantity_after,
                    refundable_after, as_of, outbox, job_execution_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(intent.requestId(), intent.snapshotId(), intent.ctLicenseId(), intent.quantityBefore(),
                        intent.quantityAfter(), intent.refundableAfter(), SeatChangeStore.ts(intent.asOf()),
                        intent.outbox().toString(),
                        intent.jobExecutionId(), SeatChangeStore.ts(intent.createdAt()))
                .update();
        return true;
    }

    public void close(UUID requestId) {
        jdbc.sql("DELETE FROM seat_change_intent WHERE request_id = ?").param(requestId).update();
    }

    public List<OpenIntent> all() {
        return jdbc.sql("SELECT * FROM seat_change_intent ORDER BY created_at, request_id")
                .query((rs, i) -> new OpenIntent(rs.getObject("request_id", UUID.class), rs.getLong("snapshot_id"),
                        rs.getString("ct_license_id"), rs.getInt("quantity_before"), rs.getInt("quantity_after"),
                        rs.getString("refundable_after"), SeatChangeStore.instant(rs, "as_of"), Path.of(rs.getString("outbox")),
                        rs.getLong("job_execution_id"), SeatChangeStore.instant(rs, "created_at")))
                .list();
    }
}
