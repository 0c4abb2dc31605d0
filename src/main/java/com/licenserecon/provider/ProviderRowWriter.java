package com.licenserecon.provider;

import com.licenserecon.csv.FieldError;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;

/**
 * Writes a chunk of validated provider rows: accepted ones into the snapshot, rejected ones (one row
 * per bad field) into the rejects, in the chunk's transaction. A row already written (keyed by its line)
 * is skipped, so a restarted import never repeats a row even if it is offered again.
 */
public class ProviderRowWriter implements ItemWriter<ProviderRow> {

    private static final int MAX_REJECTED_VALUE = 4000;

    private final JdbcBatchItemWriter<ProviderRow.Accepted> subscriptions;
    private final JdbcBatchItemWriter<FieldError> rejects;

    public ProviderRowWriter(DataSource dataSource, long snapshotId) {
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
            subscriptions.write(accepted);
        }
        if (!errors.isEmpty()) {
            rejects.write(errors);
        }
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
