package com.licenserecon.command;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

/**
 * The one line a failed command prints on stderr: the deepest cause says what went wrong, the wrappers only say
 * where. A database that cannot be reached gets a line of its own, because the person reading it should wait
 * and repeat the command, not fix a file.
 */
public final class FailureReason {

    /**
     * Connection failures (08), the server shutting down or starting (57P01-57P03), a database that does not
     * exist (3D000).
     */
    private static final List<String> UNAVAILABLE_STATES = List.of("08", "57P01", "57P02", "57P03", "3D000");

    private FailureReason() {
    }

    public static String of(Throwable failure) {
        return of(List.of(failure));
    }

    static String of(List<Throwable> failures) {
        if (failures.isEmpty()) {
            return "no reason was recorded";
        }
        for (Throwable failure : failures) {
            if (databaseUnavailable(failure)) {
                return "the database is unavailable (" + deepest(failure) + "); work committed before it went away is"
                        + " kept: repeat the command when the database is back";
            }
        }
        return deepest(failures.get(0));
    }

    static boolean databaseUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && UNAVAILABLE_STATES.stream().anyMatch(sql.getSQLState()::startsWith)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The deepest of this application's own exceptions, whose messages are written for people (file, line,
     * column, value); otherwise the deepest cause of all. A library's exception under ours says less than ours.
     */
    static String deepest(Throwable failure) {
        Throwable deepest = failure;
        Throwable own = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            deepest = t;
            if (t.getClass().getName().startsWith(OWN_PACKAGE) && t.getMessage() != null) {
                own = t;
            }
        }
        Throwable chosen = own != null ? own : deepest;
        String message = chosen.getMessage() == null ? chosen.getClass().getSimpleName() : chosen.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    private static final String OWN_PACKAGE = "com.licenserecon.";
}
