package com.licenserecon.command;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * {@code hash-password}: reads a password from stdin (without echo on a terminal) and prints its bcrypt hash
 * with the {@code {bcrypt}} prefix, for an API user's {@code password-hash} in
 * {@code license-recon.security.users}. The password is neither printed nor logged.
 */
@Component
public class HashPasswordCommand implements Command {

    /** bcrypt's cost: every API request checks its password once, so the cost is paid per request. */
    static final int STRENGTH = 10;

    @Override
    public String name() {
        return "hash-password";
    }

    @Override
    public String usage() {
        return "hash-password   (reads the password from stdin, prints its {bcrypt} hash)";
    }

    @Override
    public int run(CommandArguments arguments, PrintStream out) throws IOException {
        arguments.allowOnly(Set.of(), 0);
        Console console = System.console();
        if (console != null) {
            char[] password = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            try {
                if (password == null || !Arrays.equals(password, again)) {
                    throw new IllegalArgumentException("the two passwords differ");
                }
                return print(new String(password), out);
            } finally {
                if (password != null) {
                    Arrays.fill(password, ' ');
                }
                if (again != null) {
                    Arrays.fill(again, ' ');
                }
            }
        }
        return hash(System.in, out);
    }

    /** Hashes the first line of {@code in} (a pipe or a file: no prompt, no echo to worry about). */
    int hash(InputStream in, PrintStream out) throws IOException {
        String password = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        return print(password, out);
    }

    private static int print(String password, PrintStream out) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no password on stdin");
        }
        out.println("{bcrypt}" + new BCryptPasswordEncoder(STRENGTH).encode(password));
        return 0;
    }
}
