package com.licenserecon.command;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Runs the command named on the command line and turns its outcome into the process exit code:
 * 0 done, 1 failed (one line on stderr saying why), 2 the command line was wrong.
 */
@Component
@ConditionalOnProperty(name = "license-recon.cli.enabled", matchIfMissing = true)
public class CommandDispatcher implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);
    private static final Set<String> FLAGS = Set.of("rerun", "dry-run", "accept-shrink");

    private final List<Command> commands;
    private int exitCode;

    public CommandDispatcher(List<Command> commands) {
        this.commands = commands;
    }

    @Override
    public void run(ApplicationArguments applicationArguments) {
        try {
            CommandArguments arguments = CommandArguments.parse(applicationArguments.getSourceArgs(), FLAGS);
            Command command = commands.stream().filter(c -> c.name().equals(arguments.command())).findFirst()
                    .orElseThrow(() -> new UsageException(arguments.command() == null ? "no command given"
                            : "unknown command " + arguments.command()));
            exitCode = command.run(arguments, System.out);
        } catch (UsageException e) {
            System.err.println("license-recon: " + e.getMessage());
            System.err.println("usage: java -jar license-recon.jar COMMAND ...\n" + commands.stream()
                    .map(c -> "  " + c.usage()).sorted().collect(Collectors.joining("\n")));
            exitCode = 2;
        } catch (Exception e) {
            log.debug("command failed", e);
            System.err.println("license-recon: " + FailureReason.of(e));
            exitCode = 1;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
