package com.licenserecon.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The API's errors as RFC 9457 problem details. Validation failures carry an {@code errors} array of
 * {@link FieldProblem}; a refused CSV upload one of {@link RowProblem}.
 */
final class Problems {

    /** The name of the extension member that lists what was wrong. */
    static final String ERRORS = "errors";

    private Problems() {
    }

    /** A bad field of a JSON body or a bad query parameter. */
    record FieldProblem(String field, String message) {
    }

    /** A bad value of an uploaded CSV file: where it is, what it is, and why it is refused. */
    record RowProblem(long line, String column, String value, String reason) {
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    static ProblemDetail invalid(String detail, List<FieldProblem> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
        problem.setProperty(ERRORS, errors);
        return problem;
    }

    static ErrorResponseException badRequest(String field, String message) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST,
                invalid(field + " " + message, List.of(new FieldProblem(field, message))), null);
    }

    static ErrorResponseException notFound(String detail) {
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem(HttpStatus.NOT_FOUND, "Not found", detail), null);
    }

    static ErrorResponseException conflict(String detail) {
        return new ErrorResponseException(HttpStatus.CONFLICT, problem(HttpStatus.CONFLICT, "Conflict", detail), null);
    }
}
