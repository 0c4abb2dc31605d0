package com.licenserecon.web;

import com.licenserecon.csv.CsvFormatException;
import com.licenserecon.csv.FieldError;
import com.licenserecon.csv.FileRefusedException;
import com.licenserecon.web.Problems.RowProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A CSV request body handed to the all-or-nothing file readers of the CLI (seat changes, CT licenses),
 * which read files: the body is streamed to a temporary file, read, and deleted. A refused file becomes a
 * 400 problem listing every bad value by line, column, value and reason; a file that cannot be read at all
 * (no header, a missing column, not UTF-8) a 400 problem saying why. The temporary file's name is not shown.
 */
final class CsvUpload {

    /** What is done with the uploaded file. */
    @FunctionalInterface
    interface Reader<T> {
        T read(Path file) throws Exception;
    }

    private static final String SHOWN_NAME = "the uploaded file";

    private CsvUpload() {
    }

    static <T> T read(InputStream body, Reader<T> reader) throws Exception {
        Path file = Files.createTempFile("license-recon-upload-", ".csv");
        try {
            try (body) {
                Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return reader.read(file);
        } catch (FileRefusedException refused) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, refused(refused, file), refused);
        } catch (RuntimeException failure) {
            CsvFormatException unreadable = csvFormat(failure);
            if (unreadable == null) {
                throw failure;
            }
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, Problems.problem(HttpStatus.BAD_REQUEST,
                    "Unreadable CSV", shown(unreadable.getMessage(), file)), unreadable);
        } finally {
            deleteQuietly(file);
        }
    }

    private static ProblemDetail refused(FileRefusedException refused, Path file) {
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "File refused",
                shown(refused.getMessage(), file));
        problem.setProperty(Problems.ERRORS, refused.errors().stream().map(CsvUpload::row).toList());
        problem.setProperty("errorCount", refused.errorCount());
        return problem;
    }

    private static RowProblem row(FieldError error) {
        return new RowProblem(error.lineNumber(), error.column(), error.value() == null ? "" : error.value(),
                error.reason());
    }

    /** The readers name the file they read: here that is a temporary file the caller never saw. */
    private static String shown(String message, Path file) {
        return message == null ? SHOWN_NAME + " is refused" : message.replace(file.toString(), SHOWN_NAME);
    }

    /** Spring Batch's reader wraps a failure to open the file; what went wrong is the CSV problem inside. */
    private static CsvFormatException csvFormat(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CsvFormatException format) {
                return format;
            }
        }
        return null;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temporary file left behind is cleaned by the system; the request's outcome stands.
        }
    }
}
