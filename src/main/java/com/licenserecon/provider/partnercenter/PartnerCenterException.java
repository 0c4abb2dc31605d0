package com.licenserecon.provider.partnercenter;

/**
 * A Partner Center, Graph or token call that failed for good: a 4xx other than 401-once, 409 and 429, or
 * a 5xx, 409, 429 or time-out still there after the retries. Carries Microsoft's error code and
 * description ({@code {"code": 800090, "description": "..."}}); never a token or a secret.
 */
public class PartnerCenterException extends RuntimeException {

    private final String call;
    private final int status;
    private final String errorCode;
    private final String description;
    private final boolean timedOut;
    private final int attempts;

    public PartnerCenterException(String call, int status, String errorCode, String description, boolean timedOut,
            int attempts, Throwable cause) {
        super(message(call, status, errorCode, description, timedOut, attempts), cause);
        this.call = call;
        this.status = status;
        this.errorCode = errorCode;
        this.description = description;
        this.timedOut = timedOut;
        this.attempts = attempts;
    }

    /** What was called, as {@code GET /v1/customers} (no query string, no host). */
    public String call() {
        return call;
    }

    /** The last HTTP status, 0 when no response came (time-out or I/O failure). */
    public int status() {
        return status;
    }

    /** Microsoft's error code ({@code 800090}, {@code invalid_client}, ...), or null. */
    public String errorCode() {
        return errorCode;
    }

    /** Microsoft's error description, or null. */
    public String description() {
        return description;
    }

    /** No response arrived for the last attempt (time-out or I/O failure): a change may or may not be made. */
    public boolean timedOut() {
        return timedOut;
    }

    /** How many times the call was sent. */
    public int attempts() {
        return attempts;
    }

    /** Whether the failure is of a kind that a later attempt may get past (5xx, 409, 429, time-out). */
    public boolean transientFailure() {
        return timedOut || status == 409 || status == 429 || status >= 500;
    }

    private static String message(String call, int status, String errorCode, String description, boolean timedOut,
            int attempts) {
        StringBuilder text = new StringBuilder(call);
        if (status == 0) {
            text.append(timedOut ? " got no response (time-out or I/O failure)" : " failed");
        } else {
            text.append(" failed with HTTP ").append(status);
        }
        if (errorCode != null) {
            text.append(", error ").append(errorCode);
        }
        if (description != null && !description.isBlank()) {
            text.append(": ").append(description);
        }
        if (attempts > 1) {
            text.append(" (after ").append(attempts).append(" attempts)");
        }
        return text.toString();
    }
}
