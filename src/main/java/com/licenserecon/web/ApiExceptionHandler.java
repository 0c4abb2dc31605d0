package com.licenserecon.web;

import com.licenserecon.web.Problems.FieldProblem;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error of the API as an RFC 9457 problem detail ({@code application/problem+json}). Spring MVC's own
 * errors (unsupported media type, unknown path, ...) come from {@link ResponseEntityExceptionHandler}; a bad
 * JSON body or query parameter adds an {@code errors} array of {field, message}; an error this class does not
 * know is a 500 whose detail shows nothing of the server (the log has the stack trace).
 */
@RestControllerAdvice
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = fieldProblems(ex.getBindingResult());
        ProblemDetail problem = Problems.invalid(errors.size() == 1 ? "1 field is invalid: " + errors.get(0).field()
                : errors.size() + " fields are invalid: " + errors.stream().map(FieldProblem::field).distinct()
                        .collect(Collectors.joining(", ")), errors);
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        MismatchedInputException mismatch = cause(ex, MismatchedInputException.class);
        ProblemDetail problem;
        if (mismatch != null && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message = expected(mismatch.getTargetType());
            problem = Problems.invalid(field + " " + message, List.of(new FieldProblem(field, message)));
        } else if (cause(ex, JacksonException.class) != null) {
            problem = Problems.problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request body is not valid JSON.");
        } else {
            problem = Problems.problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request body is missing or unreadable.");
        }
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : ex.getPropertyName();
        String message = expected(ex.getRequiredType());
        ProblemDetail problem = Problems.invalid(field + " " + message, List.of(new FieldProblem(field, message)));
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** The last resort: a 500 that tells the caller nothing about the server; the log has the cause. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex, WebRequest request) {
        log.error("API request {} failed", request.getDescription(false), ex);
        ProblemDetail problem = Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request failed on the server; the service log says why.");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }

    private static List<FieldProblem> fieldProblems(BindingResult result) {
        List<FieldProblem> errors = new ArrayList<>();
        result.getFieldErrors().forEach(e -> errors.add(new FieldProblem(e.getField(), e.getDefaultMessage())));
        result.getGlobalErrors().forEach(e -> errors.add(new FieldProblem(e.getObjectName(), e.getDefaultMessage())));
        errors.sort(java.util.Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message));
        return errors;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == UUID.class) {
            return "is not a UUID";
        }
        if (type == Instant.class) {
            return "is not an ISO-8601 instant such as 2026-11-26T02:00:00Z";
        }
        if (type == LocalDate.class) {
            return "is not a date (YYYY-MM-DD)";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == BigDecimal.class || type == BigInteger.class) {
            return "is not a number";
        }
        if (type == String.class) {
            return "is not a text";
        }
        if (type.isEnum()) {
            return "is not one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "has the wrong type";
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
