package com.licenserecon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.support.PostgresTestDatabase;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Upgrading a PostgreSQL database that already holds nights (sql/postgresql/V11): their rows stay where they
 * are and readable, and the nights after the upgrade get partitions of their own.
 */
class SnapshotPartitionsMigrationTest {

    private final String schema = PostgresTestDatabase.newSchema();
    private final DriverManagerDataSource dataSource = new DriverManagerDataSource(PostgresTestDatabase.urlFor(schema),
            PostgresTestDatabase.USER, PostgresTestDatabase.PASSWORD);
    private final JdbcClient jdbc = JdbcClient.create(dataSource);

    @Test
    void givenANightFromBeforeTheUpgrade_whenTheSchemaIsMigrated_thenItsRowsStayAndNewNightsGetTheirOwnPartitions()
            throws Exception {
        migrate("10");
        jdbc.sql("INSERT INTO batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (7, 0, 'licenseSyncJob', 'k7')")
                .update();
        jdbc.sql("INSERT INTO provider_snapshot (snapshot_id, as_of, source, created_at) VALUES (7, now(), 'old.csv', now())").update();
        insertSubscription(7);
        jdbc.sql("""
                INSERT INTO reconciliation_result (snapshot_id, customer_tenant_id, sku_part_number, result)
                VALUES (7, ?, 'SPE_E3', 'MISSING_IN_CT')""").param(UUID.randomUUID()).update();

        migrate(null);

        assertThat(jdbc.sql("SELECT partitioned_from FROM snapshot_partitioning").query(Long.class).single()).isEqualTo(8);
        assertThat(jdbc.sql("SELECT relkind FROM pg_class WHERE oid = 'provider_subscription'::regclass").query(String.class).single())
                .isEqualTo("p");
        assertThat(count("provider_subscription", 7)).isEqualTo(1);
        assertThat(count("reconciliation_result", 7)).isEqualTo(1);

        SnapshotPartitions partitions = new SnapshotPartitions(jdbc, dataSource, new DataSourceTransactionManager(dataSource),
                new TableStatistics(new org.springframework.jdbc.core.JdbcTemplate(dataSource), dataSource));
        partitions.create(SnapshotPartitions.PROVIDER, 7);
        partitions.create(SnapshotPartitions.PROVIDER, 8);
        insertSubscription(8);

        assertThat(partitions.relation(SnapshotPartitions.PROVIDER, 7)).isEqualTo("provider_subscription");
        assertThat(partitions.relation(SnapshotPartitions.PROVIDER, 8)).isEqualTo("provider_subscription_8");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM provider_subscription_8").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM provider_subscription_before_partitions").query(Long.class).single()).isEqualTo(1);
    }

    private void migrate(String target) {
        var configuration = Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration", "classpath:db/postgresql");
        if (target != null) {
            configuration.target(target);
        }
        configuration.load().migrate();
    }

    private void insertSubscription(long snapshot) {
        jdbc.sql("""
                INSERT INTO provider_subscription (snapshot_id, line_number, customer_tenant_id, subscription_id,
                    sku_part_number, quantity, status, auto_renew, commitment, term_start, term_end)
                VALUES (?, 2, ?, ?, 'SPE_E3', 5, 'ACTIVE', TRUE, 'NCE', DATE '2026-01-01', DATE '2026-12-31')""")
                .params(snapshot, UUID.randomUUID(), UUID.randomUUID()).update();
    }

    private long count(String table, long snapshot) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE snapshot_id = ?").param(snapshot).query(Long.class).single();
    }
}
