package com.licenserecon.command;

import com.licenserecon.csv.InstantText;
import com.licenserecon.provider.ProviderProperties;
import com.licenserecon.report.ReconciliationReport;
import com.licenserecon.report.RejectsReport;
import com.licenserecon.report.ReportFiles;
import com.licenserecon.report.SummaryReport;
import com.licenserecon.sync.SyncJobParameters;
import com.licenserecon.sync.SyncLauncher;
import com.licenserecon.sync.SyncProperties;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.springframework.batch.core.BatchStatus;
import org.springframework.stereotype.Component;

/** {@code sync --provider-file FILE [--as-of INSTANT] [--report-dir DIR] [--rerun]}: the nightly run. */
@Component
public class SyncCommand implements Command {

    private final SyncLauncher launcher;
    private final SyncProperties properties;
    private final Clock clock;
    private final ProviderProperties providerProperties;

    public SyncCommand(SyncLauncher launcher, SyncProperties properties, Clock clock, ProviderProperties providerProperties) {
        this.providerProperties = providerProperties;
        this.launcher = launcher;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public String usage() {
        return "sync [--provider-file FILE] [--as-of INSTANT] [--report-dir DIR] [--rerun] [--accept-shrink]";
    }

    @Override
    public int run(CommandArguments arguments, PrintStream out) throws Exception {
        arguments.allowOnly(Set.of("provider-file", "as-of", "report-dir"), 0);
        // Without a file the run reads Partner Center, when that is the configured source.
        Path providerFile = arguments.option("provider-file").map(Path::of).orElse(null);
        if (providerFile == null && !providerProperties.readsPartnerCenter()) {
            throw new UsageException("sync needs --provider-file FILE (or license-recon.provider.source=partner-center)");
        }
        Instant asOf = arguments.option("as-of").map(text -> InstantText.require(text, "--as-of")).orElse(clock.instant());
        Path reportDir = arguments.option("report-dir").map(Path::of).orElse(properties.reportDir());
        var request = new SyncJobParameters(asOf, 0, providerFile, reportDir, arguments.flag("accept-shrink"));

        var execution = launcher.launch(request, arguments.flag("rerun"));
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new JobFailedException("sync " + request.asOfDate(), execution);
        }
        ReportFiles files = new ReportFiles(reportDir.toAbsolutePath().normalize(), request.asOfDate(), execution.getJobInstanceId());
        out.printf("sync %s: completed (execution %d); reports in %s: %s, %s, %s%n", request.asOfDate(),
                execution.getId(), files.directory(), files.fileName(ReconciliationReport.KIND),
                files.fileName(SummaryReport.KIND), files.fileName(RejectsReport.KIND));
        return 0;
    }
}
