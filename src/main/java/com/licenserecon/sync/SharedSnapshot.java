package com.licenserecon.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One view of the database for the parts of a statement that run in sessions of their own
 * ({@code query-parts}): the step that splits them exports its snapshot ({@code pg_export_snapshot}) and
 * keeps it open while they run, and each part starts its transaction in it ({@code SET TRANSACTION
 * SNAPSHOT}). Without it each part would see the CT records and the queue as they were when it started, and a
 * change committed in between (an import, a request queued through the API) could drop a row from the
 * report or report it twice, where one statement saw one moment. On H2, where the statement is not split,
 * it does nothing.
 */
@Component
public class SharedSnapshot {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final boolean postgres;
    /** The exporting transaction of each running splitting step, by job execution and step name. */
    private final Map<String, Exported> exported = new ConcurrentHashMap<>();
    /** A part's own transaction: REQUIRES_NEW, REPEATABLE READ (see {@link #inSnapshot}). */
    private final TransactionTemplate inSnapshot;

    private record Exported(Connection connection, String id) {
    }

    public SharedSnapshot(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactionManager)
            throws SQLException {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.postgres = Databases.isPostgres(dataSource);
        this.inSnapshot = new TransactionTemplate(transactionManager);
        inSnapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        inSnapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** For the splitting step: exports a snapshot before its parts start, and ends it when they have ended. */
    public StepExecutionListener exporter() {
        return new StepExecutionListener() {
            @Override
            public void beforeStep(StepExecution step) {
                if (postgres) {
                    exported.put(key(step.getJobExecutionId(), step.getStepName()), export());
                }
            }

            @Override
            public ExitStatus afterStep(StepExecution step) {
                Exported done = exported.remove(key(step.getJobExecutionId(), step.getStepName()));
                if (done != null) {
                    try (Connection connection = done.connection()) {
                        connection.rollback();
                    } catch (SQLException e) {
                        // Ending the connection ends its transaction and the snapshot with it.
                    }
                }
                return null;
            }
        };
    }

    private Exported export() {
        try {
            Connection connection = dataSource.getConnection();
            try (Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                var rows = statement.executeQuery("SELECT pg_export_snapshot()");
                rows.next();
                return new Exported(connection, rows.getString(1));
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot export a snapshot for the parts of the statement", e);
        }
    }

    /**
     * Runs a part's work in a transaction of its own that starts in the snapshot the step named
     * {@code splittingStep} exported (REPEATABLE READ, which a snapshot taken from another session needs). Not
     * the step's own transaction: that one also records the step, whose rows were written after the export
     * and are not in the snapshot. The work commits before the step does; a part whose step then fails is
     * simply done again. A part runs without parallel workers.
     */
    public <T> T inSnapshot(StepExecution part, String splittingStep, Supplier<T> work) {
        if (!postgres) {
            return work.get();
        }
        Exported snapshot = exported.get(key(part.getJobExecutionId(), splittingStep));
        if (snapshot == null) {
            throw new IllegalStateException("no snapshot is exported by " + splittingStep + " for " + part.getStepName());
        }
        return inSnapshot.execute(status -> {
            // PostgreSQL takes it only as the transaction's first statement: a misuse fails loudly.
            jdbc.sql("SET TRANSACTION SNAPSHOT '" + snapshot.id() + "'").update();
            // The parts are the statement's parallelism, one core each. Parallel workers of their own would
            // compete with the other parts for the same cores: on two cores, 2 parts reconciled a million
            // rows in 6.2-6.9 s without them and 7.5-7.9 s with them. (The seat-change run's renewal-window
            // pieces too: that job took 7.5 s instead of 8.2 s at a million subscriptions.)
            jdbc.sql("SELECT set_config('max_parallel_workers_per_gather', '0', true)").query(String.class).single();
            return work.get();
        });
    }

    private static String key(long jobExecutionId, String stepName) {
        return jobExecutionId + "/" + stepName;
    }
}
