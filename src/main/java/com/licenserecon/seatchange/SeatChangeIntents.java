package com.licenserecon.seatchange;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Intents: the half of exactly-once that lives in the database. An intent is committed before the provider
 * call and removed in the transaction that records the outcome.
 */
@Repository
public class SeatChangeIntents {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    public SeatChangeIntents(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /**
     * Records the intent if the request is still QUEUED and nobody else holds an intent for it. The row
     * lock on the request makes two concurrent runs take turns; the loser sees the request decided (or
     * the intent present) and leaves it alone, so the provider is called once.
     *
     * @return whether this run may now call the provider for the request
     */
    public boolean open(OpenIntent intent) {
        return !openAll(List.of(intent)).isEmpty();
    }

    /**
     * {@link #open} for several intents in three round trips: the requests are locked together (in id order,
     * so two runs locking overlapping sets take turns rather than deadlock), then the intents of those still
     * QUEUED and not held elsewhere are inserted in one batch.
     *
     * @return the ids of the requests this run may now call the provider for
     */
    public Set<UUID> openAll(List<OpenIntent> intents) {
        if (intents.isEmpty()) {
            return Set.of();
        }
        List<UUID> ids = intents.stream().map(OpenIntent::requestId).toList();
        Set<UUID> queued = new HashSet<>();
        jdbc.sql("SELECT request_id, status FROM seat_change_request WHERE request_id = ANY(?) ORDER BY request_id FOR UPDATE")
                .param(SqlArrays.uuids(ids))
                .query(rs -> {
                    if ("QUEUED".equals(rs.getString("status"))) {
                        queued.add(rs.getObject("request_id", UUID.class));
                    }
                });
        Set<UUID> held = new HashSet<>(jdbc.sql("SELECT request_id FROM seat_change_intent WHERE request_id = ANY(?)")
                .param(SqlArrays.uuids(ids)).query(UUID.class).list());
        List<OpenIntent> opened = intents.stream()
                .filter(intent -> queued.contains(intent.requestId()) && !held.contains(intent.requestId())).toList();
        jdbcTemplate.batchUpdate("""
                INSERT INTO seat_change_intent (request_id, snapshot_id, ct_license_id, quantity_before, quantity_after,
                    refundable_after, reason, as_of, outbox, job_execution_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", opened, opened.size(), (ps, intent) -> {
                    ps.setObject(1, intent.requestId());
                    ps.setLong(2, intent.snapshotId());
                    ps.setString(3, intent.ctLicenseId());
                    ps.setInt(4, intent.quantityBefore());
                    ps.setInt(5, intent.quantityAfter());
                    ps.setString(6, intent.refundableAfter());
                    ps.setString(7, intent.reason());
                    ps.setTimestamp(8, SeatChangeStore.ts(intent.asOf()));
                    ps.setString(9, intent.outbox().toString());
                    ps.setLong(10, intent.jobExecutionId());
                    ps.setTimestamp(11, SeatChangeStore.ts(intent.createdAt()));
                });
        Set<UUID> result = new LinkedHashSet<>();
        opened.forEach(intent -> result.add(intent.requestId()));
        return result;
    }

    public void close(UUID requestId) {
        closeAll(List.of(requestId));
    }

    public void closeAll(Collection<UUID> requestIds) {
        if (!requestIds.isEmpty()) {
            jdbc.sql("DELETE FROM seat_change_intent WHERE request_id = ANY(?)").param(SqlArrays.uuids(requestIds)).update();
        }
    }

    /** The job whose execution wrote an intent; null if the execution is gone from the job repository. */
    public String jobNameOf(long jobExecutionId) {
        return jdbc.sql("""
                SELECT ji.job_name FROM batch_job_execution je
                JOIN batch_job_instance ji ON ji.job_instance_id = je.job_instance_id
                WHERE je.job_execution_id = ?""").param(jobExecutionId).query(String.class).optional().orElse(null);
    }

    public List<OpenIntent> all() {
        return jdbc.sql("SELECT * FROM seat_change_intent ORDER BY created_at, request_id")
                .query((rs, i) -> new OpenIntent(rs.getObject("request_id", UUID.class), rs.getLong("snapshot_id"),
                        rs.getString("ct_license_id"), rs.getInt("quantity_before"), rs.getInt("quantity_after"),
                        rs.getString("refundable_after"), rs.getString("reason"), SeatChangeStore.instant(rs, "as_of"),
                        Path.of(rs.getString("outbox")),
                        rs.getLong("job_execution_id"), SeatChangeStore.instant(rs, "created_at")))
                .list();
    }
}
