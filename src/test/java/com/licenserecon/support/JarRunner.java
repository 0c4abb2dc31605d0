package com.licenserecon.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar as a separate process, the way the README and the nightly scheduler do. */
public final class JarRunner {

    private final Path workingDirectory;
    private final Map<String, String> environment = new HashMap<>();

    public JarRunner(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    public JarRunner env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Points the jar at a fresh schema of the PostgreSQL test database through the standard Spring settings. */
    public JarRunner onPostgres(String schema) {
        return env("SPRING_DATASOURCE_URL", PostgresTestDatabase.urlFor(schema))
                .env("SPRING_DATASOURCE_USERNAME", PostgresTestDatabase.USER)
                .env("SPRING_DATASOURCE_PASSWORD", PostgresTestDatabase.PASSWORD)
                .env("SPRING_FLYWAY_SCHEMAS", schema)
                .env("SPRING_FLYWAY_CREATE_SCHEMAS", "true");
    }

    public Result run(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("license-recon.jar", "target/license-recon.jar")).toAbsolutePath();
        // C1 only: these one-shot commands are short, and the JIT's second tier would cost more than it saves.
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile("jar-out", ".txt");
        Path stderr = Files.createTempFile("jar-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the jar did not finish in 3 minutes: " + command);
        }
        Result result = new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
        Files.delete(stdout);
        Files.delete(stderr);
        return result;
    }

    /** Starts the jar in the background (for {@code serve}), its output going to {@code log}. */
    public Process start(Path log, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("license-recon.jar", "target/license-recon.jar")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Exit code and the two output streams of one command. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** The lines a person reads: without the timestamped log lines. */
        public List<String> errorLines() {
            return stderr.lines().filter(l -> !l.isBlank() && !l.matches("^\\d{4}-\\d{2}-\\d{2}T.*")).toList();
        }
    }
}
