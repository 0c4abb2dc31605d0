package com.licenserecon.sync;

/** A run that must not go on (or not start): the message says why and what to do, in one line. */
public class RunRefusedException extends RuntimeException {

    public RunRefusedException(String message) {
        super(message);
    }
}
