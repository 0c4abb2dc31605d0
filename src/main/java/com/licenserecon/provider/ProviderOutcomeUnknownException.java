package com.licenserecon.provider;

/**
 * The provider may or may not have applied a change (a time-out after the request was sent). The intent
 * stays open, and the next run asks {@link ProviderGateway#hasApplied} before anything is sent again.
 */
public class ProviderOutcomeUnknownException extends Exception {

    public ProviderOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
