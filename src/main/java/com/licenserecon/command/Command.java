package com.licenserecon.command;

import java.io.PrintStream;

/** One of the jar's one-shot commands. */
public interface Command {

    String name();

    /** The synopsis printed by the usage message. */
    String usage();

    /** Runs the command; the exit code is 0 on success. Failures throw with a one-line reason. */
    int run(CommandArguments arguments, PrintStream out) throws Exception;
}
