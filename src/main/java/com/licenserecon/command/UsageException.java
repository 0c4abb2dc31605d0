package com.licenserecon.command;

/** The command line itself is wrong: exit code 2 and the usage. */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
