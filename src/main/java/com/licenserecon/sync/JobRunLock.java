package com.licenserecon.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Who is running a job right now, across processes and nodes: the running process holds a row lock in
 * {@code job_run_lock} on a connection of its own. When it dies, the database drops the connection and
 * the lock with it, so a STARTED execution without a lock is known to be dead. Spring Batch's job
 * instance stays the guard against running a night twice; this lock only tells dead from alive.
 */
@Component
public class JobRunLock {

    private static final int WAIT_MILLIS = 1000;

    private final DataSource dataSource;

    public JobRunLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A lock held until closed. */
    public interface Held extends AutoCloseable {

        @Override
        void close();
    }

    /**
     * Whether a live process other than this connection's holds the job's lock (waiting up to a second for
     * it). Never ask it for a job this process holds: its own lock is on another connection.
     */
    public boolean heldElsewhere(String jobName) {
        try (Held ignored = acquire(jobName)) {
            return false;
        } catch (RunRefusedException e) {
            return true;
        }
    }

    /** @throws RunRefusedException when another live process holds the job's lock */
    public Held acquire(String jobName) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            try (Statement timeout = connection.createStatement()) {
                timeout.execute(lockTimeout(connection));
            }
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT job_name FROM job_run_lock WHERE job_name = ? FOR UPDATE")) {
                lock.setString(1, jobName);
                lock.executeQuery().close();
            }
            Connection held = connection;
            return () -> release(held);
        } catch (SQLException e) {
            release(connection);
            throw new RunRefusedException(jobName + " is running in another process right now; try again when it has ended");
        }
    }

    private static String lockTimeout(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        return product.toLowerCase(java.util.Locale.ROOT).contains("postgres")
                ? "SET LOCAL lock_timeout = '" + WAIT_MILLIS + "ms'"
                : "SET LOCK_TIMEOUT " + WAIT_MILLIS;
    }

    private static void release(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException ignored) {
            // The connection is going away; its lock goes with it.
        }
    }
}
