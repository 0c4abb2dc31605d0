package com.licenserecon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing a staged report, also when a restart repeats it. */
class ReportFilesTest {

    @TempDir
    Path folder;

    private static final Instant RUN_BEGAN = Instant.parse("2026-11-26T02:00:00Z");

    private ReportFiles files() {
        return new ReportFiles(folder, LocalDate.parse("2026-11-26"), 7);
    }

    private Path staged(String content, Instant written) throws Exception {
        Path staged = Files.writeString(files().staging("reconciliation"), content);
        Files.setLastModifiedTime(staged, FileTime.from(written));
        return staged;
    }

    @Test
    void givenAStagedReport_whenPublished_thenItReplacesTheEarlierRunsReport() throws Exception {
        Files.writeString(files().published("reconciliation"), "earlier run");
        staged("this run", RUN_BEGAN.plusSeconds(30));

        Path published = files().publish("reconciliation", RUN_BEGAN);

        assertThat(published).hasContent("this run");
        assertThat(files().staging("reconciliation")).doesNotExist();
    }

    @Test
    void givenAReportThisRunPublished_whenARestartPublishesItAgain_thenItIsKept() throws Exception {
        staged("this run", RUN_BEGAN.plusSeconds(30));
        files().publish("reconciliation", RUN_BEGAN);

        // When the process stopped after the rename, before its step recorded it, the restart publishes again
        Path published = files().publish("reconciliation", RUN_BEGAN);

        assertThat(published).hasContent("this run");
    }

    @Test
    void givenOnlyAnEarlierRunsReport_whenTheStagedReportIsMissing_thenPublishingFails() throws Exception {
        Path earlier = Files.writeString(files().published("reconciliation"), "earlier run");
        Files.setLastModifiedTime(earlier, FileTime.from(RUN_BEGAN.minusSeconds(3600)));

        assertThatThrownBy(() -> files().publish("reconciliation", RUN_BEGAN))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot publish");
        assertThat(earlier).hasContent("earlier run");
    }
}
