package com.licenserecon.provider;

/**
 * The provider did not apply a change and certainly will not: the request goes back to QUEUED with this
 * reason code and message, and is decided again by a later run. (Partner Center: 400 with error code
 * 800090, a decrease outside its window; 409 or 5xx still failing after the retries.)
 */
public class ProviderRefusedException extends Exception {

    private final String reasonCode;

    public ProviderRefusedException(String reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    public String reasonCode() {
        return reasonCode;
    }
}
