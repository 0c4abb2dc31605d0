package com.licenserecon.schedule;

import com.licenserecon.provider.FileDigest;
import com.licenserecon.provider.ProviderProperties;
import com.licenserecon.provider.ProviderSnapshotStore;
import com.licenserecon.sync.RunRefusedException;
import com.licenserecon.sync.SyncJobParameters;
import com.licenserecon.sync.SyncLauncher;
import com.licenserecon.sync.SyncProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.stereotype.Service;

/**
 * The scheduled nightly sync: reads Partner Center when that is the source; otherwise takes the newest provider file in the inbox, syncs it as of the firing
 * time, and moves it to the archive once the run completed. A file whose content an accepted snapshot
 * already holds is archived without a second import, so a file is never imported twice.
 */
@Service
public class InboxSync {

    private static final Logger log = LoggerFactory.getLogger(InboxSync.class);

    private final SyncLauncher launcher;
    private final ProviderSnapshotStore snapshots;
    private final ScheduleProperties schedule;
    private final SyncProperties sync;
    private final ProviderProperties provider;

    public InboxSync(SyncLauncher launcher, ProviderSnapshotStore snapshots, ScheduleProperties schedule,
            SyncProperties sync, ProviderProperties provider) {
        this.provider = provider;
        this.launcher = launcher;
        this.snapshots = snapshots;
        this.schedule = schedule;
        this.sync = sync;
    }

    /** @return the outcome in one line, for logs and the job's Quartz result */
    public String run(Instant asOf) {
        if (provider.readsPartnerCenter()) {
            return launch(new SyncJobParameters(asOf, 0, null, sync.reportDir()), null);
        }
        Optional<Path> newest = newestInboxFile();
        if (newest.isEmpty()) {
            log.warn("nightly sync as of {}: no provider file in {}", asOf, schedule.inbox().toAbsolutePath());
            return "no provider file";
        }
        Path file = newest.get();
        Optional<Long> importedAs = snapshots.completedWithDigest(FileDigest.sha256(file));
        if (importedAs.isPresent()) {
            archive(file);
            log.warn("nightly sync as of {}: {} was imported before (snapshot {}); archived, not imported again",
                    asOf, file, importedAs.get());
            return "already imported";
        }
        return launch(new SyncJobParameters(asOf, 0, file, sync.reportDir()), file);
    }

    private String launch(SyncJobParameters parameters, Path file) {
        String source = file == null ? "Partner Center" : file.toString();
        try {
            var execution = launcher.launch(parameters, false);
            if (execution.getStatus() == BatchStatus.COMPLETED) {
                if (file != null) {
                    archive(file);
                }
                return "completed";
            }
            log.error("nightly sync as of {} on {} ended {}: {}", parameters.asOf(), source, execution.getStatus(),
                    execution.getExitStatus().getExitDescription());
            return "failed";
        } catch (RunRefusedException e) {
            log.warn("nightly sync as of {} not run: {}", parameters.asOf(), e.getMessage());
            return "refused";
        } catch (Exception e) {
            log.error("nightly sync as of {} on {} failed", parameters.asOf(), source, e);
            return "failed";
        }
    }

    private Optional<Path> newestInboxFile() {
        if (!Files.isDirectory(schedule.inbox())) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(schedule.inbox())) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .max(Comparator.comparing(InboxSync::modified).thenComparing(Path::getFileName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the inbox " + schedule.inbox(), e);
        }
    }

    private void archive(Path file) {
        try {
            Files.createDirectories(schedule.archive());
            Files.move(file, schedule.archive().resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive " + file, e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
