package com.licenserecon.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.csv.CsvRecord;
import com.licenserecon.csv.CsvLimits;
import com.licenserecon.ctlicense.CtLicense;
import com.licenserecon.ctlicense.CtLicenseImporter;
import com.licenserecon.ctlicense.CtLicenseRowParser;
import com.licenserecon.provider.ProviderFileColumns;
import com.licenserecon.provider.ProviderRow;
import com.licenserecon.provider.ProviderRowParser;
import com.licenserecon.provider.ProviderSubscription;
import com.licenserecon.reconcile.LicenseMatcher;
import com.licenserecon.reconcile.Money;
import com.licenserecon.reconcile.ReconciliationLine;
import com.licenserecon.reconcile.ResultCode;
import com.licenserecon.report.ReconciliationReport;
import com.licenserecon.report.RejectsReport;
import com.licenserecon.report.SpreadsheetSafe;
import com.licenserecon.sync.SyncJobParameters;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One generated night checked end to end, shared by the PostgreSQL and H2 tests: the files of
 * {@link LicenseDataGenerator} are imported and synced by the job, and the job's reconciliation report
 * must hold exactly the rows (all 21 columns, as the report formats them) that {@link LicenseMatcher}
 * computes from the same files read with the product's own CSV reader and row parsers.
 */
public final class GeneratedNights {

    private static final int SUBSCRIPTION_ID = 2;
    private static final int CT_LICENSE_ID = 3;
    private static final int CT_LICENSES = 7;
    private static final int PROVIDER_QUANTITY = 8;
    private static final int RESULT = 20;
    /** Differences listed in a failure message; the counts go on past it. */
    private static final int MAX_LISTED = 25;

    private GeneratedNights() {
    }

    /** What one night's check saw, for the test's own assertions and log. */
    public record Outcome(LicenseDataGenerator.Summary generated, int reportRows, Map<String, Long> rowsByResult) {
    }

    public static Outcome check(long seed, int customers, Instant asOf, Path dir, CtLicenseImporter importer,
            JobOperatorTestUtils jobs) throws Exception {
        Path ctFile = dir.resolve("ct-licenses-" + seed + ".csv");
        Path providerFile = dir.resolve("provider-licenses-" + seed + ".csv");
        Path reportDir = dir.resolve("reports");
        LicenseDataGenerator.Summary generated = LicenseDataGenerator.write(seed, customers, ctFile, providerFile);
        if (customers >= LicenseDataGenerator.scenarioNames().size()) {
            assertThat(generated.scenarios().keySet()).as("scenarios generated for seed %d", seed)
                    .containsExactlyInAnyOrderElementsOf(LicenseDataGenerator.scenarioNames());
        }

        try {
            importer.importFile(ctFile);
        } catch (RuntimeException e) {
            throw new AssertionError("import-ct of seed %d refused a generated file (%s): %s".formatted(seed,
                    generated.ctFileStyle(), e.getCause() == null ? e : e.getCause()), e);
        }
        SyncJobParameters parameters = new SyncJobParameters(asOf, 0, providerFile, reportDir);
        JobExecution execution = jobs.startJob(parameters.toJobParameters());
        try {
            assertThat(execution.getStatus()).as("sync of seed %d (provider file: %s): %s", seed,
                    generated.providerFileStyle(), execution.getAllFailureExceptions().stream()
                            .map(e -> e.getCause() == null ? e.toString() : e + " caused by " + e.getCause()).toList())
                    .isEqualTo(BatchStatus.COMPLETED);
        } finally {
            keep(seed, ctFile, providerFile, reportDir);
        }
        assertThat(readCsv(reportDir.resolve(RejectsReport.KIND + "-" + parameters.asOfDate() + ".csv")))
                .as("rejects of seed %d (the generator writes valid rows only)", seed).hasSize(1);

        List<CtLicense> cts = readCtLicenses(ctFile);
        List<ProviderSubscription> providers = readProviderSubscriptions(providerFile);
        assertThat(cts).hasSize((int) generated.ctRows());
        assertThat(providers).hasSize((int) generated.providerRows());

        List<List<String>> expected = LicenseMatcher.reconcile(cts, providers, Set.of()).stream()
                .map(GeneratedNights::reportCells).toList();
        List<String[]> report = readCsv(reportDir.resolve(ReconciliationReport.KIND + "-" + parameters.asOfDate() + ".csv"));
        assertThat(report.get(0)).as("report header").containsExactly(ReconciliationReport.HEADER);
        List<List<String>> actual = report.subList(1, report.size()).stream().map(Arrays::asList).toList();

        assertSameRows(seed, expected, actual);
        assertComplete(actual, cts, providers);

        Map<String, Long> byResult = actual.stream()
                .collect(Collectors.groupingBy(r -> r.get(RESULT), java.util.TreeMap::new, Collectors.counting()));
        Set<String> codes = new TreeSet<>();
        byResult.keySet().forEach(result -> codes.addAll(Arrays.asList(result.split(";"))));
        if (customers >= LicenseDataGenerator.scenarioNames().size()) {
            Set<String> everyCode = EnumSet.complementOf(EnumSet.of(ResultCode.NOT_AUDITED)).stream()
                    .map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
            everyCode.add(ResultCode.OK);
            assertThat(codes).as("codes seen for seed %d", seed).containsAll(everyCode);
        }
        return new Outcome(generated, actual.size(), byResult);
    }

    /** With {@code -DgeneratedNights.keep=<folder>}, a night's files stay there for a person to look at. */
    private static void keep(long seed, Path ctFile, Path providerFile, Path reportDir) throws java.io.IOException {
        String folder = System.getProperty("generatedNights.keep");
        if (folder == null || folder.isBlank()) {
            return;
        }
        Path target = Path.of(folder).resolve("seed-" + seed);
        Files.createDirectories(target);
        for (Path file : List.of(ctFile, providerFile)) {
            Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(reportDir)) {
            try (var reports = Files.list(reportDir)) {
                for (Path file : reports.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** A reconciliation line as the report writes it: follows {@code ReconciliationReport} column by column. */
    public static List<String> reportCells(ReconciliationLine l) {
        return List.of(
                plain(l.customerTenantId()),
                SpreadsheetSafe.text(l.customerName()),
                plain(l.subscriptionId()),
                SpreadsheetSafe.text(l.ctLicenseId()),
                SpreadsheetSafe.text(l.skuPartNumber()),
                SpreadsheetSafe.text(l.displayName()),
                plain(l.commitment()),
                plain(l.ctLicenses()),
                plain(l.providerQuantity()),
                plain(l.assigned()),
                plain(l.quantityDelta()),
                plain(l.ctStatus()),
                l.providerStatus() == null ? "" : l.providerStatus().toLowerCase(Locale.ROOT),
                plain(l.ctRenewalDate()),
                plain(l.providerRenewalDate()),
                plain(l.ctAutoRenew()),
                plain(l.providerAutoRenew()),
                Money.format(l.unitPrice()),
                SpreadsheetSafe.text(l.currency()),
                Money.format(l.monthlyAmountDelta()),
                plain(l.result()));
    }

    private static String plain(Object value) {
        return Objects.toString(value, "");
    }

    /** Both sides as multisets; a failure names each differing row and, for a row on both sides, each column. */
    public static void assertSameRows(long seed, List<List<String>> expected, List<List<String>> actual) {
        Map<List<String>, Integer> missing = multiset(expected);
        Map<List<String>, Integer> unexpected = new HashMap<>();
        for (List<String> row : actual) {
            if (missing.merge(row, -1, Integer::sum) == 0) {
                missing.remove(row);
            }
        }
        for (Map.Entry<List<String>, Integer> e : new ArrayList<>(missing.entrySet())) {
            if (e.getValue() < 0) {
                unexpected.put(e.getKey(), -e.getValue());
                missing.remove(e.getKey());
            }
        }
        if (missing.isEmpty() && unexpected.isEmpty()) {
            assertThat(actual).hasSameSizeAs(expected);
            return;
        }
        Function<List<String>, String> identity = r -> "ct_license_id=" + r.get(CT_LICENSE_ID)
                + " subscription_id=" + r.get(SUBSCRIPTION_ID);
        Map<String, List<String>> expectedById = new LinkedHashMap<>();
        missing.keySet().forEach(r -> expectedById.put(identity.apply(r), r));
        Map<String, List<String>> actualById = new LinkedHashMap<>();
        unexpected.keySet().forEach(r -> actualById.put(identity.apply(r), r));
        StringBuilder message = new StringBuilder(("seed %d: the job's report and LicenseMatcher disagree on %d expected "
                + "and %d reported rows (of %d expected, %d reported)%n").formatted(seed, missing.size(), unexpected.size(),
                expected.size(), actual.size()));
        int listed = 0;
        Set<String> ids = new TreeSet<>(expectedById.keySet());
        ids.addAll(actualById.keySet());
        for (String id : ids) {
            if (listed++ == MAX_LISTED) {
                message.append("...%n".formatted());
                break;
            }
            List<String> want = expectedById.get(id);
            List<String> got = actualById.get(id);
            message.append("  ").append(id).append(": ");
            if (want == null) {
                message.append("only in the report: ").append(got);
            } else if (got == null) {
                message.append("only in LicenseMatcher: ").append(want);
            } else {
                List<String> columns = new ArrayList<>();
                for (int i = 0; i < want.size(); i++) {
                    if (!want.get(i).equals(got.get(i))) {
                        columns.add("%s: matcher '%s', report '%s'".formatted(ReconciliationReport.HEADER[i], want.get(i),
                                got.get(i)));
                    }
                }
                message.append(String.join("; ", columns)).append(" | matcher row ").append(want);
            }
            message.append(System.lineSeparator());
        }
        throw new AssertionError(message.toString());
    }

    /**
     * The spec's completeness check: report rows = CT records + provider subscriptions - matched pairs, each
     * CT record on exactly one row, each provider subscription on exactly one row. A linked CT record whose
     * subscription id the provider does not know shows that id on its own row, and nowhere else.
     */
    static void assertComplete(List<List<String>> rows, List<CtLicense> cts, List<ProviderSubscription> providers) {
        long pairs = rows.stream().filter(r -> !r.get(CT_LICENSES).isEmpty() && !r.get(PROVIDER_QUANTITY).isEmpty()).count();
        assertThat((long) rows.size()).as("report rows = CT records + provider subscriptions - matched pairs")
                .isEqualTo(cts.size() + providers.size() - pairs);

        Map<String, Long> ctIds = count(rows, CT_LICENSE_ID);
        Map<String, Long> expectedCtIds = cts.stream()
                .collect(Collectors.toMap(c -> SpreadsheetSafe.text(c.ctLicenseId()), c -> 1L));
        assertThat(ctIds).as("rows of each ct_license_id").isEqualTo(expectedCtIds);

        Set<UUID> providerIds = new HashSet<>();
        providers.forEach(p -> providerIds.add(p.subscriptionId()));
        Map<String, Long> expectedSubscriptionIds = new HashMap<>();
        providerIds.forEach(id -> expectedSubscriptionIds.put(id.toString(), 1L));
        for (CtLicense ct : cts) {
            if (ct.isLinked() && !providerIds.contains(ct.subscriptionId())) {
                expectedSubscriptionIds.merge(ct.subscriptionId().toString(), 1L, Long::sum);
            }
        }
        assertThat(count(rows, SUBSCRIPTION_ID)).as("rows of each subscription_id").isEqualTo(expectedSubscriptionIds);
        assertThat(rows).as("rows without a provider quantity that carry a subscription id are MISSING_AT_PROVIDER")
                .filteredOn(r -> !r.get(SUBSCRIPTION_ID).isEmpty() && r.get(PROVIDER_QUANTITY).isEmpty())
                .allSatisfy(r -> assertThat(r.get(RESULT)).isIn(ResultCode.MISSING_AT_PROVIDER.name(),
                        ResultCode.NOT_AUDITED.name()));
        assertThat(rows).as("rows without a CT record are MISSING_IN_CT")
                .filteredOn(r -> r.get(CT_LICENSE_ID).isEmpty())
                .allSatisfy(r -> assertThat(r.get(RESULT)).isEqualTo(ResultCode.MISSING_IN_CT.name()));
    }

    private static Map<String, Long> count(List<List<String>> rows, int column) {
        return rows.stream().map(r -> r.get(column)).filter(v -> !v.isEmpty())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static Map<List<String>, Integer> multiset(List<List<String>> rows) {
        Map<List<String>, Integer> counts = new HashMap<>();
        rows.forEach(r -> counts.merge(r, 1, Integer::sum));
        return counts;
    }

    // --- reading the files as the product does

    public static List<CtLicense> readCtLicenses(Path file) throws Exception {
        CtLicenseRowParser parser = new CtLicenseRowParser();
        List<CtLicense> licenses = new ArrayList<>();
        for (CsvRecord record : records(file, CtLicenseRowParser.REQUIRED)) {
            CtLicenseRowParser.Result result = parser.parse(record);
            if (result instanceof CtLicenseRowParser.Invalid invalid) {
                throw new AssertionError("generated CT row is invalid: " + invalid.errors());
            }
            licenses.add(((CtLicenseRowParser.Valid) result).license());
        }
        return licenses;
    }

    public static List<ProviderSubscription> readProviderSubscriptions(Path file) throws Exception {
        ProviderRowParser parser = new ProviderRowParser();
        List<ProviderSubscription> subscriptions = new ArrayList<>();
        for (CsvRecord record : records(file, ProviderFileColumns.REQUIRED)) {
            ProviderRow row = parser.process(record);
            if (row instanceof ProviderRow.Rejected rejected) {
                throw new AssertionError("generated provider row is invalid: " + rejected.errors());
            }
            subscriptions.add(((ProviderRow.Accepted) row).subscription());
        }
        return subscriptions;
    }

    private static List<CsvRecord> records(Path file, List<String> required) {
        return CsvFiles.records(file, required, CsvLimits.DEFAULT);
    }

    /** Every line of a report, header first, cells exactly as written (RFC 4180). */
    public static List<String[]> readCsv(Path file) throws Exception {
        try (var csv = new CSVReaderBuilder(Files.newBufferedReader(file, StandardCharsets.UTF_8))
                .withCSVParser(new RFC4180ParserBuilder().build()).withKeepCarriageReturn(true).build()) {
            return csv.readAll();
        }
    }
}
