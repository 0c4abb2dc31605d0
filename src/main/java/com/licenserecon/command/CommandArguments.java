package com.licenserecon.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A command line as the README writes it: {@code COMMAND [POSITIONAL...] [--option VALUE | --option=VALUE | --flag]}.
 * Options with a dot ({@code --spring.datasource.url=...}) belong to Spring Boot and are left to it.
 */
public record CommandArguments(String command, List<String> positional, Map<String, String> options, Set<String> flags) {

    public static CommandArguments parse(String[] args, Set<String> knownFlags) {
        String command = null;
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    if (!name.substring(0, eq).contains(".")) {
                        options.put(name.substring(0, eq), name.substring(eq + 1));
                    }
                } else if (knownFlags.contains(name)) {
                    flags.add(name);
                } else if (name.contains(".")) {
                    continue;
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    options.put(name, args[++i]);
                } else {
                    throw new UsageException("option --" + name + " needs a value");
                }
            } else if (command == null) {
                command = arg;
            } else {
                positional.add(arg);
            }
        }
        return new CommandArguments(command, List.copyOf(positional), Map.copyOf(options), Set.copyOf(flags));
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** Refuses options the command does not know, so a typo is not silently ignored. */
    public void allowOnly(Set<String> allowedOptions, int positionalCount) {
        for (String name : options.keySet()) {
            if (!allowedOptions.contains(name)) {
                throw new UsageException("unknown option --" + name + " for " + command);
            }
        }
        if (positional.size() != positionalCount) {
            throw new UsageException(command + " takes " + positionalCount + " argument"
                    + (positionalCount == 1 ? "" : "s") + ", got " + positional.size());
        }
    }
}
