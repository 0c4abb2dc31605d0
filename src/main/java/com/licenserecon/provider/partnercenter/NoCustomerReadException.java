package com.licenserecon.provider.partnercenter;

/** Every customer of a Partner Center read failed: the run has nothing to reconcile and publishes nothing. */
public class NoCustomerReadException extends RuntimeException {

    public NoCustomerReadException(String message) {
        super(message);
    }
}
