package com.licenserecon.seatchange;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The seat change queue and its audit trail. Every status change goes through here with its event. */
@Repository
public class SeatChangeStore {

    /** The order in which a run decides requests (licensing rules: requested_at, then request_id). */
    public static final String QUEUED_IN_RUN_ORDER = """
            SELECT request_id, request_key, customer_tenant_id, subscription_id, change_kind, amount, requested_by,
                   requested_at
            FROM seat_change_request WHERE status = 'QUEUED' ORDER BY requested_at, request_id""";

    /** The same, on one subscription (parameter: its id). */
    public static final String QUEUED_ON_SUBSCRIPTION_IN_RUN_ORDER = QUEUED_IN_RUN_ORDER.replace(
            "WHERE status = 'QUEUED'", "WHERE status = 'QUEUED' AND subscription_id = ?");

    public static final RowMapper<QueuedRequest> QUEUED_ROW = (rs, i) -> new QueuedRequest(
            rs.getObject("request_id", UUID.class), rs.getString("request_key"),
            rs.getObject("customer_tenant_id", UUID.class), rs.getObject("subscription_id", UUID.class),
            ChangeKind.valueOf(rs.getString("change_kind")), rs.getInt("amount"), rs.getString("requested_by"),
            instant(rs, "requested_at"));

    private static final RowMapper<StoredRequest> STORED_ROW = (rs, i) -> new StoredRequest(
            rs.getObject("request_id", UUID.class), rs.getString("request_key"),
            rs.getObject("customer_tenant_id", UUID.class), rs.getObject("subscription_id", UUID.class),
            rs.getString("sku_part_number"), ChangeKind.valueOf(rs.getString("change_kind")), rs.getInt("amount"),
            rs.getString("requested_by"), instant(rs, "requested_at"), rs.getString("note"),
            SeatChangeStatus.valueOf(rs.getString("status")), rs.getString("reason_code"), rs.getString("reason"),
            (Integer) rs.getObject("quantity_before", Integer.class), (Integer) rs.getObject("quantity_after", Integer.class),
            instant(rs, "eligible_from"), instant(rs, "window_closes"), instant(rs, "decided_at"));

    private static final String RECORD_DECISION = """
            UPDATE seat_change_request SET status = ?, reason_code = ?, reason = ?, sku_part_number = ?,
                quantity_before = ?, quantity_after = ?, eligible_from = ?, window_closes = ?, decided_at = ?,
                decided_by_execution = ?
            WHERE request_id = ? AND status = 'QUEUED'""";

    private static final String INSERT_EVENT = """
            INSERT INTO seat_change_event (request_id, from_status, to_status, reason_code, reason, actor, occurred_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    public SeatChangeStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** The cancel's own transaction (or the caller's): its row lock must last until its update. */
    private final TransactionTemplate transaction;

    public boolean keyExists(String requestKey) {
        return jdbc.sql("SELECT COUNT(*) FROM seat_change_request WHERE request_key = ?").param(requestKey)
                .query(Long.class).single() > 0;
    }

    public void queue(UUID requestId, NewSeatChange change, Instant submittedAt, String submittedBy) {
        jdbc.sql("""
                INSERT INTO seat_change_request (request_id, request_key, customer_tenant_id, subscription_id,
                    change_kind, amount, requested_by, requested_at, note, submitted_at, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED')""")
                .params(requestId, change.requestKey(), change.customerTenantId(), change.subscriptionId(),
                        change.kind().name(), change.amount(), change.requestedBy(), ts(change.requestedAt()),
                        change.note(), ts(submittedAt))
                .update();
        event(requestId, null, SeatChangeStatus.QUEUED, null, "submitted", submittedBy, submittedAt);
    }

    public Optional<StoredRequest> find(UUID requestId) {
        return jdbc.sql("SELECT * FROM seat_change_request WHERE request_id = ?").param(requestId)
                .query(STORED_ROW).optional();
    }

    /** The request queued with this idempotency key, if any. */
    public Optional<StoredRequest> findByKey(String requestKey) {
        return jdbc.sql("SELECT * FROM seat_change_request WHERE request_key = ?").param(requestKey)
                .query(STORED_ROW).optional();
    }

    /** Either filter may be null (any). */
    private static final String FILTERED = """
            FROM seat_change_request
            WHERE (CAST(:status AS VARCHAR(16)) IS NULL OR status = :status)
              AND (CAST(:tenant AS UUID) IS NULL OR customer_tenant_id = :tenant)""";

    public List<StoredRequest> list(SeatChangeStatus status, UUID customerTenantId) {
        return jdbc.sql("SELECT * " + FILTERED + " ORDER BY requested_at, request_id")
                .param("status", status == null ? null : status.name())
                .param("tenant", customerTenantId)
                .query(STORED_ROW).list();
    }

    /** The latest requested first, at most {@code limit}: a page of the history, not the whole of it. */
    public List<StoredRequest> newest(SeatChangeStatus status, UUID customerTenantId, int limit) {
        return jdbc.sql("SELECT * " + FILTERED + " ORDER BY requested_at DESC, request_id DESC LIMIT :limit")
                .param("status", status == null ? null : status.name())
                .param("tenant", customerTenantId)
                .param("limit", limit)
                .query(STORED_ROW).list();
    }

    public long count(SeatChangeStatus status, UUID customerTenantId) {
        return jdbc.sql("SELECT COUNT(*) " + FILTERED)
                .param("status", status == null ? null : status.name())
                .param("tenant", customerTenantId)
                .query(Long.class).single();
    }

    public List<SeatChangeEvent> history(UUID requestId) {
        return jdbc.sql("""
                SELECT from_status, to_status, reason_code, reason, actor, occurred_at FROM seat_change_event
                WHERE request_id = ? ORDER BY event_id""")
                .param(requestId)
                .query((rs, i) -> new SeatChangeEvent(
                        rs.getString("from_status") == null ? null : SeatChangeStatus.valueOf(rs.getString("from_status")),
                        SeatChangeStatus.valueOf(rs.getString("to_status")), rs.getString("reason_code"),
                        rs.getString("reason"), rs.getString("actor"), instant(rs, "occurred_at")))
                .list();
    }

    /**
     * Moves a QUEUED request to CANCELLED; the status condition in the update makes a run that decides
     * the request at the same moment win or lose cleanly, never both. A request whose change is being sent
     * (its intent is committed, its outcome not yet) is no longer cancellable: the change may already be
     * made at the provider, and its outcome decides the request.
     *
     * @return whether the request was QUEUED and is now cancelled
     */
    public boolean cancel(UUID requestId, String by, String reason, Instant now) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            // The request's row lock first: a run opening intents holds it until they are committed, and the
            // statements after it (READ COMMITTED) then see those intents. One UPDATE with NOT EXISTS would
            // test the intents as they were before it waited for the lock.
            boolean queued = jdbc.sql("SELECT status FROM seat_change_request WHERE request_id = ? FOR UPDATE")
                    .param(requestId).query(String.class).optional().filter("QUEUED"::equals).isPresent();
            boolean beingSent = jdbc.sql("SELECT COUNT(*) FROM seat_change_intent WHERE request_id = ?")
                    .param(requestId).query(Long.class).single() > 0;
            if (!queued || beingSent) {
                return false;
            }
            jdbc.sql("UPDATE seat_change_request SET status = 'CANCELLED', reason = ?, decided_at = ? WHERE request_id = ?")
                    .params(reason, ts(now), requestId).update();
            event(requestId, SeatChangeStatus.QUEUED, SeatChangeStatus.CANCELLED, null, reason, by, now);
            return true;
        }));
    }

    /** Why {@link #cancel} refused the request, for the person who asked. */
    public String cancelRefusal(UUID requestId) {
        SeatChangeStatus status = find(requestId).map(StoredRequest::status).orElse(null);
        if (status == SeatChangeStatus.QUEUED) {
            return "request %s is being sent to the provider right now: it can no longer be cancelled; its outcome "
                    .formatted(requestId) + "will be in its history";
        }
        return "request %s is %s: only QUEUED requests can be cancelled".formatted(requestId, status);
    }

    /** Records a run's decision; only a request still QUEUED is decided, so two runs never decide it twice. */
    public boolean recordDecision(UUID requestId, SeatChangeDecision decision, String skuPartNumber, Instant decidedAt,
            long jobExecutionId) {
        return !recordDecisions(List.of(new DecisionToRecord(requestId, decision, skuPartNumber, decidedAt)),
                jobExecutionId).isEmpty();
    }

    /** One decision for {@link #recordDecisions}. */
    public record DecisionToRecord(UUID requestId, SeatChangeDecision decision, String skuPartNumber, Instant decidedAt) {
    }

    /**
     * {@link #recordDecision} for several requests, with the same guard, in two round trips (the updates, then
     * the audit events) rather than two per request.
     *
     * @return the ids of the requests that were still QUEUED and are now decided
     */
    public Set<UUID> recordDecisions(List<DecisionToRecord> decisions, long jobExecutionId) {
        if (decisions.isEmpty()) {
            return Set.of();
        }
        int[] changed = jdbcTemplate.batchUpdate(RECORD_DECISION, decisions, decisions.size(), (ps, d) -> {
            SeatChangeDecision decision = d.decision();
            ps.setString(1, decision.status().name());
            ps.setString(2, decision.reasonCode() == null ? null : decision.reasonCode().name());
            ps.setString(3, decision.reason());
            ps.setString(4, d.skuPartNumber());
            ps.setObject(5, decision.quantityBefore(), Types.INTEGER);
            ps.setObject(6, decision.quantityAfter(), Types.INTEGER);
            ps.setTimestamp(7, ts(decision.eligibleFrom()));
            ps.setTimestamp(8, ts(decision.windowCloses()));
            ps.setTimestamp(9, ts(d.decidedAt()));
            ps.setLong(10, jobExecutionId);
            ps.setObject(11, d.requestId());
        })[0];
        Set<UUID> recorded = new LinkedHashSet<>();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            DecisionToRecord d = decisions.get(i);
            if (changed[i] != 0 && changed[i] != 1) {
                throw new IllegalStateException("the driver did not count the rows of a batched update: " + changed[i]);
            }
            if (changed[i] == 1) {
                recorded.add(d.requestId());
                SeatChangeDecision decision = d.decision();
                if (decision.status() != SeatChangeStatus.QUEUED) {
                    events.add(new Event(d.requestId(), SeatChangeStatus.QUEUED, decision.status(),
                            decision.reasonCode() == null ? null : decision.reasonCode().name(), decision.reason(),
                            "job execution " + jobExecutionId, d.decidedAt()));
                }
            }
        }
        events(events);
        return recorded;
    }

    /**
     * Puts a request the provider refused back in the queue with the provider's reason (it stays QUEUED,
     * and the audit trail shows the refusal).
     */
    public void requeue(UUID requestId, String reasonCode, String reason, Instant eligibleFrom, Instant windowCloses,
            Instant at, long jobExecutionId) {
        int changed = jdbc.sql("""
                UPDATE seat_change_request SET reason_code = ?, reason = ?, eligible_from = ?, window_closes = ?,
                    quantity_after = NULL, decided_at = ?, decided_by_execution = ?
                WHERE request_id = ? AND status = 'QUEUED'""")
                .params(reasonCode, reason, ts(eligibleFrom), ts(windowCloses), ts(at), jobExecutionId, requestId)
                .update();
        if (changed == 1) {
            event(requestId, SeatChangeStatus.QUEUED, SeatChangeStatus.QUEUED, reasonCode, reason,
                    "job execution " + jobExecutionId, at);
        }
    }

    private record Event(UUID requestId, SeatChangeStatus from, SeatChangeStatus to, String reasonCode, String reason,
            String actor, Instant at) {
    }

    private void event(UUID requestId, SeatChangeStatus from, SeatChangeStatus to, String reasonCode, String reason,
            String actor, Instant at) {
        events(List.of(new Event(requestId, from, to, reasonCode, reason, actor, at)));
    }

    /** Inserts the events in one round trip; their ids follow the list's order, as the history does. */
    private void events(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate(INSERT_EVENT, events, events.size(), (ps, e) -> {
            ps.setObject(1, e.requestId());
            ps.setString(2, e.from() == null ? null : e.from().name());
            ps.setString(3, e.to().name());
            ps.setString(4, e.reasonCode());
            ps.setString(5, e.reason());
            ps.setString(6, e.actor());
            ps.setTimestamp(7, ts(e.at()));
        });
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** A TIMESTAMP WITH TIME ZONE column as an instant, or null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
