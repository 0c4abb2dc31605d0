package com.licenserecon.sync;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import com.licenserecon.reconcile.TenantRange;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The per-snapshot partitions of {@code provider_subscription} and {@code reconciliation_result} on
 * PostgreSQL (sql/postgresql/V11): a run loads its own partitions with no index, then indexes each once it
 * is complete, which is several times cheaper than keeping shared indexes up to date row by row. On H2 the
 * tables are plain and every method here only does what the plain table needs.
 *
 * <p>Every method is idempotent, because a restarted step calls it again.
 */
@Component
public class SnapshotPartitions {

    public static final String PROVIDER = "provider_subscription";
    public static final String RESULTS = "reconciliation_result";

    /** The indexes of a complete partition: what the lookups by subscription, customer and report order use. */
    private static final String[][] INDEXES = {
            {PROVIDER, "by_pair", "customer_tenant_id, sku_part_number"},
            {RESULTS, "report_order", "customer_tenant_id, sku_part_number, subscription_id, ct_license_id"}};

    private final JdbcClient jdbc;
    private final TableStatistics statistics;
    private final boolean postgres;
    /** The first snapshot with partitions of its own (sql/postgresql/V11); read once, it never changes. */
    private Long partitionedFrom;
    /** A savepoint inside the step's transaction, so that a failed unique index build can be undone alone. */
    private final TransactionTemplate nested;
    /** The caller's transaction, or one of its own. */
    private final TransactionTemplate required;

    public SnapshotPartitions(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactionManager,
            TableStatistics statistics) throws SQLException {
        this.jdbc = jdbc;
        this.statistics = statistics;
        this.nested = new TransactionTemplate(transactionManager);
        this.required = new TransactionTemplate(transactionManager);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.postgres = Databases.isPostgres(dataSource);
    }

    /**
     * Creates the snapshot's empty partition of {@code table}, unless it exists or the snapshot predates
     * partitioning. Created apart and then attached, so that readers of other snapshots are not blocked
     * (attaching takes a weaker lock than creating a partition in place).
     */
    public void create(String table, long snapshotId) {
        if (!partitioned(snapshotId)) {
            return;
        }
        // One transaction (the step's, or its own): a partition is created and attached, or not at all.
        required.executeWithoutResult(status -> {
            String partition = partition(table, snapshotId);
            if (attached(table, partition)) {
                return;
            }
            // A table of that name that is not attached never received a row.
            jdbc.sql("DROP TABLE IF EXISTS " + partition).update();
            jdbc.sql("CREATE TABLE %s (LIKE %s INCLUDING DEFAULTS)".formatted(partition, table)).update();
            attach(table, partition, snapshotId);
        });
    }

    /**
     * Creates part {@code part} of {@code parts} of the snapshot's partition of {@code table}: a table holding
     * the rows of {@code select} (whose columns are {@code columns} in that order, every column of the table)
     * for one range of customer tenants ({@link TenantRange#split}), with the NOT NULL, snapshot and range
     * constraints that let {@link #attachParts} attach it without a scan. The parts of a snapshot are filled
     * at the same time, each in a session of its own, and attached together once all are.
     *
     * <p>CREATE TABLE AS writes through PostgreSQL's bulk-insert path, which INSERT ... SELECT does not take
     * (at a million results: 6.3 s instead of 7.3 s). Each column is cast to the table's type, so that the
     * part matches its parent exactly; the constraints are checked in one pass. (An explicit cast to a shorter
     * character type truncates where INSERT would fail: the selected columns must be no wider than the
     * table's, as the reconciliation's are, taken from columns of the same widths.)
     *
     * @return how many rows it holds; empty when the snapshot has no partition of its own (H2, or a snapshot
     *         from before partitioning) or has its partition attached already (a restart whose work had
     *         committed): the caller then writes the rows into the table instead
     */
    public OptionalLong createFilledPart(String table, long snapshotId, int part, int parts, List<String> columns,
            String select) {
        TenantRange range = TenantRange.split(parts).get(part);
        if (!partitioned(snapshotId)) {
            return OptionalLong.empty();
        }
        return required.execute(status -> {
            if (attached(table, partition(table, snapshotId))) {
                return OptionalLong.empty();
            }
            String partPartition = part(table, snapshotId, part, parts);
            Filled filled = fill(table, partPartition, columns, select);
            jdbc.sql("ALTER TABLE %1$s %2$sADD CONSTRAINT %1$s_snapshot CHECK (snapshot_id = %3$d), ADD CONSTRAINT %1$s_tenants CHECK %4$s"
                    .formatted(partPartition, notNull(filled.columns()), snapshotId, range.sql("customer_tenant_id"))).update();
            return OptionalLong.of(filled.rows());
        });
    }

    /**
     * Makes the parts that {@link #createFilledPart} filled the snapshot's partition of {@code table}: a table
     * partitioned by customer tenant, attached in the same transaction. Their constraints spare both
     * attachments a scan. The parts are found by name; they must be the whole of {@link TenantRange#split}.
     *
     * @return false when there is nothing to attach: no partition of its own (H2, a snapshot from before
     *         partitioning), or the partition is attached already
     */
    public boolean attachParts(String table, long snapshotId) {
        if (!partitioned(snapshotId)) {
            return false;
        }
        return Boolean.TRUE.equals(required.execute(status -> {
            String partition = partition(table, snapshotId);
            if (attached(table, partition)) {
                return false;
            }
            // The count is in each part's name: a part missing is found, whichever it is.
            List<String> found = unattachedParts(table, snapshotId);
            int parts = found.isEmpty() ? 0 : Integer.parseInt(found.get(0).substring(found.get(0).lastIndexOf('_') + 1));
            List<String> expected = new ArrayList<>();
            for (int part = 0; part < parts; part++) {
                expected.add(part(table, snapshotId, part, parts));
            }
            if (parts == 0 || !new HashSet<>(found).equals(new HashSet<>(expected))) {
                throw new IllegalStateException("the reconciliation of snapshot %d has the parts %s, not %s"
                        .formatted(snapshotId, found, parts == 0 ? "any" : expected));
            }
            List<TenantRange> ranges = TenantRange.split(parts);
            jdbc.sql("DROP TABLE IF EXISTS " + partition).update();
            jdbc.sql("CREATE TABLE %s (LIKE %s INCLUDING DEFAULTS) PARTITION BY RANGE (customer_tenant_id)"
                    .formatted(partition, table)).update();
            for (int part = 0; part < parts; part++) {
                jdbc.sql("ALTER TABLE %s ATTACH PARTITION %s %s".formatted(partition, part(table, snapshotId, part, parts),
                        ranges.get(part).partitionBound())).update();
            }
            jdbc.sql("ALTER TABLE %s ATTACH PARTITION %s FOR VALUES FROM (%d) TO (%d)"
                    .formatted(table, partition, snapshotId, snapshotId + 1)).update();
            return true;
        }));
    }

    /** The parts of the snapshot's partition of {@code table} that are tables of their own, not attached yet. */
    private List<String> unattachedParts(String table, long snapshotId) {
        return jdbc.sql("SELECT relname FROM pg_class WHERE relkind = 'r' AND NOT relispartition AND relname ~ ?")
                .param("^" + partition(table, snapshotId) + "_p[0-9]+_of_[0-9]+$").query(String.class).list();
    }

    private record Filled(List<TableColumn> columns, long rows) {
    }

    /** Creates {@code target} holding the rows of {@code select}, with the columns and types of {@code table}. */
    private Filled fill(String table, String target, List<String> columns, String select) {
        List<TableColumn> tableColumns = jdbc.sql("""
                SELECT attname, format_type(atttypid, atttypmod) AS type, attnotnull FROM pg_attribute
                WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped ORDER BY attnum""")
                .param(table)
                .query((rs, i) -> new TableColumn(rs.getString(1), rs.getString(2), rs.getBoolean(3))).list();
        if (!new HashSet<>(columns).equals(tableColumns.stream().map(TableColumn::name).collect(Collectors.toSet()))
                || columns.size() != tableColumns.size()) {
            throw new IllegalArgumentException("the columns " + columns + " are not those of " + table);
        }
        // A table of that name that is not attached is what a failed attempt left.
        jdbc.sql("DROP TABLE IF EXISTS " + target).update();
        long rows = jdbc.sql("CREATE TABLE %s AS SELECT %s FROM (%s) AS filled (%s)".formatted(target,
                tableColumns.stream().map(c -> "CAST(filled.%1$s AS %2$s) AS %1$s".formatted(c.name(), c.type()))
                        .collect(Collectors.joining(", ")),
                select, String.join(", ", columns))).update();
        return new Filled(tableColumns, rows);
    }

    private static String notNull(List<TableColumn> columns) {
        return columns.stream().filter(TableColumn::notNull)
                .map(c -> "ALTER COLUMN " + c.name() + " SET NOT NULL, ").collect(Collectors.joining());
    }

    /**
     * Adds the snapshot constraint and attaches the partition. The constraint lets ATTACH skip its scan; it
     * is redundant with the bound once attached.
     */
    private void attach(String table, String partition, long snapshotId) {
        jdbc.sql("ALTER TABLE %s ADD CONSTRAINT %s_snapshot CHECK (snapshot_id = %d)"
                .formatted(partition, partition, snapshotId)).update();
        jdbc.sql("ALTER TABLE %s ATTACH PARTITION %s FOR VALUES FROM (%d) TO (%d)"
                .formatted(table, partition, snapshotId, snapshotId + 1)).update();
    }

    private record TableColumn(String name, String type, boolean notNull) {
    }

    /** Builds the indexes of the snapshot's complete partition of {@code table} (the shared tables have theirs). */
    public void index(String table, long snapshotId) {
        if (!partitioned(snapshotId)) {
            return;
        }
        String partition = partition(table, snapshotId);
        for (String[] index : INDEXES) {
            if (index[0].equals(table)) {
                jdbc.sql("CREATE INDEX IF NOT EXISTS %s_%s ON %s (%s)".formatted(partition, index[1], partition, index[2]))
                        .update();
            }
        }
    }

    /**
     * The columns whose statistics the night's queries need: those they filter, join or group on. The others
     * (texts, prices, refund schedules) are only read; their statistics cost most of an ANALYZE (at a
     * million rows, 1.5 s for all the results' columns against 0.5 s for these).
     */
    private static final Map<String, List<String>> PLANNED_COLUMNS = Map.of(
            PROVIDER, List.of("snapshot_id", "customer_tenant_id", "subscription_id", "sku_part_number", "commitment",
                    "auto_renew", "term_end", "refundable"),
            RESULTS, List.of("snapshot_id", "customer_tenant_id", "subscription_id", "ct_licenses", "currency", "result"));

    /** Refreshes the planner's statistics of the snapshot's partition of {@code table}, or of the table. */
    public void analyze(String table, long snapshotId) {
        if (partitioned(snapshotId)) {
            statistics.refresh(partition(table, snapshotId), PLANNED_COLUMNS.get(table));
        } else {
            statistics.refresh(table);
        }
    }

    /**
     * Indexes the snapshot's provider subscriptions by id, as a unique index: a snapshot holds each
     * subscription once. Building it is also the cheapest check that the file repeated no subscription id
     * (grouping a million ids took 0.8 s); when it did, the build fails, nothing of it stays (a savepoint),
     * and the answer is false: reject the repeated lines, then call this again.
     *
     * @return true when the snapshot is indexed; false when it repeats a subscription id, and on H2 or
     *         for a snapshot from before partitioning (no per-snapshot index: always check for repeats)
     */
    public boolean indexUniqueSubscriptions(long snapshotId) {
        if (!partitioned(snapshotId)) {
            return false;
        }
        String partition = partition(PROVIDER, snapshotId);
        try {
            nested.executeWithoutResult(status -> jdbc.sql("CREATE UNIQUE INDEX IF NOT EXISTS %s_by_id ON %s (subscription_id)"
                    .formatted(partition, partition)).update());
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Drops the snapshot's partitions; false if it has none (H2, or a snapshot from before partitioning),
     * when its rows are deleted instead.
     */
    public boolean drop(long snapshotId) {
        if (!partitioned(snapshotId)) {
            return false;
        }
        // Dropping a partition locks its parent exclusively. Both parents at once, and giving up after half a
        // second (before PostgreSQL's deadlock check at one second would pick a victim, which could be a
        // running sync); the caller keeps the night for its next run.
        jdbc.sql("SELECT set_config('lock_timeout', '500ms', true)").query(String.class).single();
        jdbc.sql("LOCK TABLE %s, %s IN ACCESS EXCLUSIVE MODE".formatted(PROVIDER, RESULTS)).update();
        for (String table : new String[] {RESULTS, PROVIDER}) {
            jdbc.sql("DROP TABLE IF EXISTS " + partition(table, snapshotId)).update();
            // With an attached partition go its parts; these are the parts of a run that failed before attaching.
            for (String part : unattachedParts(table, snapshotId)) {
                jdbc.sql("DROP TABLE IF EXISTS " + part).update();
            }
        }
        return true;
    }

    /**
     * What to read one snapshot's rows of {@code table} from: its own partition where it has one, whose
     * statistics the planner then uses (it has none for the partitioned parent), else the table itself.
     */
    public String relation(String table, long snapshotId) {
        return partitioned(snapshotId) && attached(table, partition(table, snapshotId)) ? partition(table, snapshotId) : table;
    }

    /** Whether {@code table} is one of the tables partitioned by snapshot. */
    public static boolean partitionedTable(String table) {
        return PROVIDER.equals(table) || RESULTS.equals(table);
    }

    private boolean partitioned(long snapshotId) {
        if (!postgres) {
            return false;
        }
        if (partitionedFrom == null) {
            partitionedFrom = jdbc.sql("SELECT partitioned_from FROM snapshot_partitioning").query(Long.class).single();
        }
        return snapshotId >= partitionedFrom;
    }

    private boolean attached(String table, String partition) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = to_regclass(?) AND inhparent = to_regclass(?))")
                .params(partition, table).query(Boolean.class).single();
    }

    /** Whether the snapshot has partitions of its own (PostgreSQL, from the upgrade on). */
    public boolean hasOwnPartitions(long snapshotId) {
        return partitioned(snapshotId);
    }

    private static String partition(String table, long snapshotId) {
        return table + "_" + snapshotId;
    }

    private static String part(String table, long snapshotId, int part, int parts) {
        return partition(table, snapshotId) + "_p" + part + "_of_" + parts;
    }
}
