package com.licenserecon.provider;

import com.licenserecon.csv.FieldError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes a chunk of validated provider rows: accepted ones into the snapshot, rejected ones (one row
 * per bad field) into the rejects, in the chunk's transaction. A row already written (keyed by its line)
 * is skipped, so a restarted import never repeats a row even if it is offered again.
 *
 * <p>On PostgreSQL the subscriptions go in with {@code COPY} in the binary format ({@link BinaryCopyRows})
 * through the driver's CopyManager, several times faster than batched inserts. COPY has no
 * {@code ON CONFLICT}, so the skip works by line instead:
 * chunks hold consecutive lines and commit one after another, so the lines already written are exactly
 * those up to the highest line in the snapshot, read once when the step writes its first chunk. Other
 * databases (the embedded H2) use the batched {@code INSERT ... ON CONFLICT DO NOTHING}.
 *
 * <p>On PostgreSQL each row also carries its refund schedule ({@link RefundSchedule}, sql/postgresql/V12),
 * which the renewal-windows report reads instead of parsing the refundable text.
 */
public class ProviderRowWriter implements ItemWriter<ProviderRow> {

    private static final int MAX_REJECTED_VALUE = 4000;

    private final JdbcBatchItemWriter<ProviderRow.Accepted> subscriptions;
    private final JdbcBatchItemWriter<FieldError> rejects;
    private final DataSource dataSource;
    private final long snapshotId;
    /** The highest line already in the snapshot when this writer started; -1 until the first chunk. */
    private long writtenUpTo = -1;

    public ProviderRowWriter(DataSource dataSource, long snapshotId) {
        this.dataSource = dataSource;
        this.snapshotId = snapshotId;
        this.subscriptions = new JdbcBatchItemWriterBuilder<ProviderRow.Accepted>()
                .dataSource(dataSource)
                .sql("""
                        INSERT INTO provider_subscription (snapshot_id, line_number, customer_tenant_id, customer_name,
                            subscription_id, offer_id, sku_part_number, display_name, quantity, assigned, status,
                            auto_renew, commitment, term_duration, billing_cycle, term_start, term_end, refundable)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .itemPreparedStatementSetter((row, ps) -> setSubscription(ps, snapshotId, row))
                .assertUpdates(false)
                .build();
        this.rejects = new JdbcBatchItemWriterBuilder<FieldError>()
                .dataSource(dataSource)
                .sql("""
                        INSERT INTO provider_reject (snapshot_id, line_number, column_name, field_value, reason)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .itemPreparedStatementSetter((error, ps) -> {
                    ps.setLong(1, snapshotId);
                    ps.setLong(2, error.lineNumber());
                    ps.setString(3, error.column());
                    String value = error.value();
                    ps.setString(4, value != null && value.length() > MAX_REJECTED_VALUE
                            ? value.substring(0, MAX_REJECTED_VALUE) : value);
                    ps.setString(5, error.reason());
                })
                .assertUpdates(false)
                .build();
        subscriptions.afterPropertiesSet();
        rejects.afterPropertiesSet();
    }

    @Override
    public void write(Chunk<? extends ProviderRow> chunk) throws Exception {
        Chunk<ProviderRow.Accepted> accepted = new Chunk<>();
        Chunk<FieldError> errors = new Chunk<>();
        for (ProviderRow row : chunk) {
            if (row instanceof ProviderRow.Accepted a) {
                accepted.add(a);
            } else if (row instanceof ProviderRow.Rejected r) {
                r.errors().forEach(errors::add);
            }
        }
        if (!accepted.isEmpty()) {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            if (connection.isWrapperFor(PGConnection.class)) {
                copy(connection.unwrap(PGConnection.class), accepted);
            } else {
                subscriptions.write(accepted);
            }
        }
        if (!errors.isEmpty()) {
            rejects.write(errors);
        }
    }

    private static final String COPY_SQL = """
            COPY provider_subscription (snapshot_id, line_number, customer_tenant_id, customer_name, subscription_id,
                offer_id, sku_part_number, display_name, quantity, assigned, status, auto_renew, commitment,
                term_duration, billing_cycle, term_start, term_end, refundable, refund_untils, refund_seats_from,
                refund_deadlines)
            FROM STDIN WITH (FORMAT binary)""";

    private static final int COLUMNS = 21;

    private void copy(PGConnection connection, Chunk<ProviderRow.Accepted> rows) throws Exception {
        if (writtenUpTo < 0) {
            writtenUpTo = JdbcClient.create(dataSource)
                    .sql("SELECT COALESCE(MAX(line_number), 0) FROM provider_subscription WHERE snapshot_id = ?")
                    .param(snapshotId).query(Long.class).single();
        }
        // Streamed in blocks, so the server stores the first rows while the rest are encoded.
        CopyIn copy = connection.getCopyAPI().copyIn(COPY_SQL);
        try {
            BinaryCopyRows out = new BinaryCopyRows(COPY_BLOCK + 4096);
            for (ProviderRow.Accepted row : rows) {
                if (row.lineNumber() > writtenUpTo) {
                    encode(out, snapshotId, row);
                    if (out.size() >= COPY_BLOCK) {
                        out.drainTo(copy::writeToCopy);
                    }
                }
            }
            out.end();
            out.drainTo(copy::writeToCopy);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Bytes encoded before they go to the server. */
    private static final int COPY_BLOCK = 64 * 1024;

    /** One row, its fields in the order of {@link #COPY_SQL}. */
    static void encode(BinaryCopyRows out, long snapshotId, ProviderRow.Accepted row) {
        ProviderSubscription s = row.subscription();
        RefundSchedule refunds = RefundSchedule.of(s.refundable());
        out.row(COLUMNS).int8(snapshotId).int8(row.lineNumber()).uuid(s.customerTenantId()).text(s.customerName())
                .uuid(s.subscriptionId()).text(s.offerId()).text(s.skuPartNumber()).text(s.displayName())
                .int4(s.quantity()).int4(s.assigned()).text(s.status().name()).bool(s.autoRenew())
                .text(s.commitment().name()).text(s.termDuration()).text(s.billingCycle()).date(s.termStart())
                .date(s.termEnd()).text(refunds == null ? null : refunds.text())
                .timestamptzArray(refunds == null ? null : refunds.untilMicros())
                .int8Array(refunds == null ? null : refunds.seatsFrom())
                .textArray(refunds == null ? null : refunds.deadlines());
    }

    private static void setSubscription(PreparedStatement ps, long snapshotId, ProviderRow.Accepted row) throws SQLException {
        ProviderSubscription s = row.subscription();
        ps.setLong(1, snapshotId);
        ps.setLong(2, row.lineNumber());
        ps.setObject(3, s.customerTenantId());
        ps.setString(4, s.customerName());
        ps.setObject(5, s.subscriptionId());
        ps.setString(6, s.offerId());
        ps.setString(7, s.skuPartNumber());
        ps.setString(8, s.displayName());
        ps.setInt(9, s.quantity());
        if (s.assigned() == null) {
            ps.setNull(10, Types.INTEGER);
        } else {
            ps.setInt(10, s.assigned());
        }
        ps.setString(11, s.status().name());
        ps.setBoolean(12, s.autoRenew());
        ps.setString(13, s.commitment().name());
        ps.setString(14, s.termDuration());
        ps.setString(15, s.billingCycle());
        ps.setObject(16, s.termStart());
        ps.setObject(17, s.termEnd());
        ps.setString(18, s.refundable().isEmpty() ? null : RefundableBatch.format(s.refundable()));
    }
}
