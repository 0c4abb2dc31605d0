package com.licenserecon.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.support.CsvFiles;
import com.licenserecon.support.JarRunner;
import com.licenserecon.support.JarRunner.Result;
import com.licenserecon.support.PostgresTestDatabase;
import com.licenserecon.support.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar's commands, run as separate processes with -Xmx512m, as the README shows them. */
class LicenseReconJarIT {

    private static final Path CT = SampleData.CT_LICENSES.toAbsolutePath();
    private static final Path PROVIDER = SampleData.PROVIDER_LICENSES.toAbsolutePath();

    @Nested
    class OnTheEmbeddedDefault {

        @TempDir
        Path work;

        @Test
        void importThenSyncOfTheSamplesGivesTheExpectedReconciliation() throws Exception {
            JarRunner jar = new JarRunner(work);

            Result imported = jar.run("import-ct", CT.toString());
            Result synced = jar.run("sync", "--provider-file", PROVIDER.toString(), "--as-of", SampleData.AS_OF);

            assertThat(imported.exitCode()).as(imported.stderr()).isZero();
            assertThat(imported.stdout()).contains("394 rows read, 394 inserted, 0 updated");
            assertThat(synced.exitCode()).as(synced.stderr()).isZero();
            assertThat(synced.stdout()).contains("sync 2026-11-26: completed");
            assertThat(work.resolve("data")).isDirectory();
            assertThat(CsvFiles.reconKeys(work.resolve("reports/reconciliation-2026-11-26.csv")))
                    .isEqualTo(CsvFiles.reconKeys(SampleData.EXPECTED_RECON));
        }

        @Test
        void aSecondSyncOfTheSameNightIsRefusedUnlessRerun() throws Exception {
            JarRunner jar = new JarRunner(work);
            jar.run("import-ct", CT.toString());
            jar.run("sync", "--provider-file", PROVIDER.toString(), "--as-of", SampleData.AS_OF);

            Result again = jar.run("sync", "--provider-file", PROVIDER.toString(), "--as-of", "2026-11-26T05:00:00Z");
            Result rerun = jar.run("sync", "--provider-file", PROVIDER.toString(), "--as-of", SampleData.AS_OF, "--rerun");

            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.errorLines()).singleElement().asString()
                    .contains("the sync for 2026-11-26 already ran: execution 1").contains("--rerun");
            assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        }

        @Test
        void aWrongCommandLineExitsWithTwoAndTheUsage() throws Exception {
            Result result = new JarRunner(work).run("sync", "--provider-fil", PROVIDER.toString());

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.stderr()).contains("unknown option --provider-fil").contains("usage:");
        }
    }

    @Nested
    class OnPostgres {

        @TempDir
        Path work;

        private JarRunner jar() {
            return new JarRunner(work).onPostgres(PostgresTestDatabase.newSchema());
        }

        @Test
        void importThenSyncOfTheSamplesGivesTheExpectedReconciliation() throws Exception {
            JarRunner postgres = jar();

            Result imported = postgres.run("import-ct", CT.toString());
            Result synced = postgres.run("sync", "--provider-file", PROVIDER.toString(), "--as-of", SampleData.AS_OF,
                    "--report-dir", "out");

            assertThat(imported.exitCode()).as(imported.stderr()).isZero();
            assertThat(synced.exitCode()).as(synced.stderr()).isZero();
            assertThat(work.resolve("data")).doesNotExist();
            assertThat(CsvFiles.reconKeys(work.resolve("out/reconciliation-2026-11-26.csv")))
                    .isEqualTo(CsvFiles.reconKeys(SampleData.EXPECTED_RECON));
        }

        @Test
        void importCtRefusesAFileWithBadRowsNamingEachAndLoadsNothing() throws Exception {
            List<String> lines = Files.readAllLines(CT);
            lines.set(2, lines.get(2).replace(",Active,", ",Activ,"));
            lines.set(4, lines.get(4).replaceFirst(",\\d+,20", ",many,20"));
            Path bad = work.resolve("ct-bad.csv");
            Files.write(bad, lines);
            JarRunner postgres = jar();

            Result refused = postgres.run("import-ct", bad.toString());
            Result synced = postgres.run("sync", "--provider-file", PROVIDER.toString(), "--as-of", SampleData.AS_OF);

            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.stderr())
                    .contains(bad + " line 3, column status, value 'Activ': is not Active or Inactive")
                    .contains(bad + " line 5, column ct_licenses, value 'many': is not an integer")
                    .contains("2 bad values, nothing was loaded");
            assertThat(CsvFiles.read(work.resolve("reports/reconciliation-summary-2026-11-26.csv")))
                    .anySatisfy(row -> assertThat(row).containsEntry("metric", "ct_records").containsEntry("value", "0"));
        }

        @Test
        void aProviderFileWithoutARequiredColumnFailsNamingItAndPublishesNothing() throws Exception {
            List<String> lines = Files.readAllLines(PROVIDER);
            lines.set(0, lines.get(0).replace("subscription_id", "subscription"));
            Path bad = work.resolve("provider-bad.csv");
            Files.write(bad, lines);
            JarRunner postgres = jar();
            postgres.run("import-ct", CT.toString());

            Result failed = postgres.run("sync", "--provider-file", bad.toString(), "--as-of", SampleData.AS_OF);

            assertThat(failed.exitCode()).isEqualTo(1);
            assertThat(failed.errorLines()).singleElement().asString()
                    .contains(bad + ": missing required column subscription_id");
            assertThat(work.resolve("reports/reconciliation-2026-11-26.csv")).doesNotExist();
        }
    }
}
