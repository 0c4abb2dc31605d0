package com.licenserecon.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.support.PostgresTestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

/**
 * Storing the schedules of {@code serve} in the job store that every node shares (real PostgreSQL, Quartz
 * schedulers built as Spring Boot builds them, not started).
 */
class ScheduleRegistrationTest {

    private static final ScheduleProperties SCHEDULES = new ScheduleProperties(ZoneId.of("UTC"), "0 0 2 * * ?",
            Path.of("inbox"), null, "0 15 * * * ?", "0 30 3 * * ?", 400);

    private final String schema = PostgresTestDatabase.newSchema();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final HikariDataSource pool = pool();

    @AfterEach
    void close() throws Exception {
        Collections.reverse(opened);
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @RepeatedTest(3)
    void givenAnEmptyJobStore_whenFourNodesStartAtTheSameMoment_thenEveryNodeStartsAndEachScheduleIsStoredOnce()
            throws Exception {
        migrate();
        List<ScheduleConfiguration> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(node("node-" + i, SCHEDULES));
        }
        CyclicBarrier together = new CyclicBarrier(nodes.size());
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        opened.add(threads::shutdownNow);

        List<Future<?>> starts = new ArrayList<>();
        for (ScheduleConfiguration node : nodes) {
            starts.add(threads.submit(() -> {
                together.await();
                node.run(null);
                return null;
            }));
        }

        for (Future<?> start : starts) {
            start.get(); // rethrows a node's failure to start
        }
        assertThat(jdbc().sql("SELECT trigger_name FROM qrtz_triggers ORDER BY trigger_name").query(String.class).list())
                .containsExactly("nightly-sync", "retention", "seat-changes");
        assertThat(jdbc().sql("SELECT COUNT(*) FROM qrtz_job_details").query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void givenAStoredSchedule_whenANodeStartsWithAnotherCron_thenTheStoredTriggerTakesTheNewCron() throws Exception {
        migrate();
        node("first", SCHEDULES).run(null);
        ScheduleProperties later = new ScheduleProperties(ZoneId.of("UTC"), "0 0 4 * * ?", Path.of("inbox"), null,
                "0 15 * * * ?", "0 30 3 * * ?", 400);

        Scheduler second = scheduler("second");
        new ScheduleConfiguration(second, later, new JdbcTransactionManager(pool)).run(null);

        assertThat(((CronTrigger) second.getTrigger(TriggerKey.triggerKey("nightly-sync"))).getCronExpression())
                .isEqualTo("0 0 4 * * ?");
        assertThat(jdbc().sql("SELECT COUNT(*) FROM qrtz_triggers").query(Long.class).single()).isEqualTo(3);
    }

    private ScheduleConfiguration node(String name, ScheduleProperties schedules) throws Exception {
        return new ScheduleConfiguration(scheduler(name), schedules, new JdbcTransactionManager(pool));
    }

    /**
     * A node's scheduler as spring-boot-starter-quartz builds it from application-serve.yml, not started. The
     * nodes share one pool: Spring registers a job store's connections with Quartz under the scheduler's name,
     * which every node has, so in one JVM they could not use pools of their own.
     */
    private Scheduler scheduler(String name) throws Exception {
        Properties quartz = new Properties();
        quartz.setProperty("org.quartz.scheduler.instanceName", "license-recon");
        quartz.setProperty("org.quartz.scheduler.instanceId", name);
        quartz.setProperty("org.quartz.jobStore.isClustered", "true");
        quartz.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        quartz.setProperty("org.quartz.threadPool.threadCount", "1");
        SchedulerFactoryBean factory = new SchedulerFactoryBean();
        // Not exposed in Quartz's repository (the default), so each factory builds a scheduler of its own.
        factory.setQuartzProperties(quartz);
        factory.setDataSource(pool);
        factory.setTransactionManager(new JdbcTransactionManager(pool));
        factory.setAutoStartup(false);
        factory.afterPropertiesSet();
        opened.add(factory::destroy);
        return factory.getScheduler();
    }

    private HikariDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(PostgresTestDatabase.urlFor(schema));
        pool.setUsername(PostgresTestDatabase.USER);
        pool.setPassword(PostgresTestDatabase.PASSWORD);
        pool.setMaximumPoolSize(12);
        opened.add(pool);
        return pool;
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(pool);
    }

    private void migrate() {
        Flyway.configure().dataSource(PostgresTestDatabase.urlFor(schema), PostgresTestDatabase.USER,
                        PostgresTestDatabase.PASSWORD)
                .schemas(schema).createSchemas(true).locations("classpath:db/migration", "classpath:db/postgresql")
                .load().migrate();
    }
}
