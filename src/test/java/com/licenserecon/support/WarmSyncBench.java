package com.licenserecon.support;

import com.licenserecon.LicenseReconApplication;
import com.licenserecon.sync.SyncJobParameters;
import com.licenserecon.sync.SyncLauncher;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The nightly sync much as {@code serve} runs it, for bench/warm-sync.sh: one service JVM (the serve profile,
 * its web server on a free port, Quartz not started so no schedule fires) runs the sync job {@code runs}
 * times, each a rerun of the same night. It starts the job through {@link SyncLauncher} as the nightly
 * schedule's {@code InboxSync} does, without the inbox around it (the file's digest, the archive). The first
 * run is the first night after a start; the later ones run in a JVM whose code the earlier nights compiled,
 * as every night after the first does in a service that stays up. The {@code sync} command pays the start-up
 * and the compilation every night instead.
 *
 * <p>Before each run it runs {@code before} with bash (the benchmark's baseline), with the run's number as $1;
 * after each, {@code after} (which reads the machine's busy CPU and compares the reports), with the run's
 * number, its wall time and the JVM's own CPU in seconds as $1, $2 and $3. Prints one line per run: those
 * and the job's status.
 *
 * <p>Arguments: runs, provider file, as-of instant, report folder, before, after, then Spring arguments
 * (the database).
 */
public final class WarmSyncBench {

    private WarmSyncBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path providerFile = Path.of(args[1]);
        Instant asOf = Instant.parse(args[2]);
        Path reportDir = Path.of(args[3]);
        String before = args[4];
        String after = args[5];
        List<String> spring = new ArrayList<>(Arrays.asList(args).subList(6, args.length));
        spring.addAll(List.of("--server.port=0", "--spring.quartz.auto-startup=false"));

        SpringApplication service = new SpringApplication(LicenseReconApplication.class);
        service.setAdditionalProfiles(LicenseReconApplication.SERVE);
        int failed = 0;
        try (ConfigurableApplicationContext context = service.run(spring.toArray(String[]::new))) {
            SyncLauncher launcher = context.getBean(SyncLauncher.class);
            var jvm = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            for (int run = 1; run <= runs; run++) {
                failed += bash(before, Integer.toString(run));
                long jvm0 = jvm.getProcessCpuTime();
                long t0 = System.nanoTime();
                var execution = launcher.launch(new SyncJobParameters(asOf, 0, providerFile, reportDir), true);
                double wall = (System.nanoTime() - t0) / 1e9;
                double jvmCpu = (jvm.getProcessCpuTime() - jvm0) / 1e9;
                // The night for a person to read (bench/warm-sync.sh shows these lines).
                System.out.printf(Locale.ROOT, "warm-sync run %d: %.2f s, JVM CPU %.2f s, %s%n", run, wall, jvmCpu,
                        execution.getStatus());
                if (execution.getStatus() != BatchStatus.COMPLETED) {
                    failed++;
                }
                failed += bash(after, Integer.toString(run), String.format(Locale.ROOT, "%.2f", wall),
                        String.format(Locale.ROOT, "%.2f", jvmCpu));
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    private static int bash(String command, String... arguments) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("bash", "-c", command, "bench"));
        line.addAll(List.of(arguments));
        Process process = new ProcessBuilder(line).inheritIO().start();
        return process.waitFor() == 0 ? 0 : 1;
    }
}
