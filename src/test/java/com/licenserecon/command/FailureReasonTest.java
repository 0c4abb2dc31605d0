package com.licenserecon.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.dao.DataAccessResourceFailureException;

/** The one line a failed command prints: what went wrong, and for a database outage, what to do. */
class FailureReasonTest {

    @Test
    void aFileProblemIsTheDeepestCauseInOneLine() {
        Throwable failure = new ItemStreamException("Failed to initialize the reader",
                new IllegalStateException("provider.csv line 3: the line is\nlonger than 100 characters"));

        assertThat(FailureReason.of(failure)).isEqualTo("provider.csv line 3: the line is longer than 100 characters");
    }

    @Test
    void ourOwnMessageWinsOverTheLibraryCauseUnderIt() {
        Throwable failure = new ItemStreamException("Failed to read", new com.licenserecon.csv.CsvFormatException(
                "provider.csv line 60: unreadable CSV: Unterminated quoted field",
                new java.io.IOException("Unterminated quoted field at end of CSV line")));

        assertThat(FailureReason.of(failure)).isEqualTo("provider.csv line 60: unreadable CSV: Unterminated quoted field");
    }

    @Test
    void aLostConnectionSaysTheDatabaseIsUnavailableAndToRepeatTheCommand() {
        Throwable failure = new DataAccessResourceFailureException("could not write",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));

        assertThat(FailureReason.of(failure)).startsWith("the database is unavailable (An I/O error occurred")
                .endsWith("repeat the command when the database is back");
    }

    @Test
    void aServerShuttingDownCountsAsUnavailable() {
        Throwable failure = new SQLException("terminating connection due to administrator command", "57P01");

        assertThat(FailureReason.of(failure)).startsWith("the database is unavailable");
    }

    @Test
    void aRefusedConnectionCountsAsUnavailable() {
        Throwable failure = new IllegalStateException("startup", new ConnectException("Connection refused"));

        assertThat(FailureReason.of(failure)).startsWith("the database is unavailable (Connection refused)");
    }

    @Test
    void aConstraintViolationIsNotAnOutage() {
        Throwable failure = new SQLException("new row violates check constraint", "23514");

        assertThat(FailureReason.of(failure)).isEqualTo("new row violates check constraint");
    }

    @Test
    void anOutageAmongSeveralFailuresOfAJobIsWhatThePersonNeedsToKnow() {
        List<Throwable> failures = List.of(new IllegalStateException("Flushing failed"),
                new SQLException("Connection to 127.0.0.1:5432 refused.", "08001"));

        assertThat(FailureReason.of(failures)).startsWith("the database is unavailable (Connection to 127.0.0.1:5432");
    }
}
