package com.licenserecon.seatchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.licenserecon.csv.CsvFormatException;
import com.licenserecon.csv.FieldError;
import com.licenserecon.csv.FileRefusedException;
import com.licenserecon.report.CsvLine;
import com.licenserecon.report.SpreadsheetSafe;
import com.licenserecon.support.CsvFiles;
import com.licenserecon.support.SampleData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** seat-changes submit on PostgreSQL: all-or-nothing validation, request_key idempotency, audit of the submission. */
class SeatChangeIntakeTest extends SeatChangeNight {

    private static final String HEADER =
            "customer_tenant_id,subscription_id,change,amount,requested_by,requested_at,request_key,note";
    private static final String TENANT = "7e31ea49-118d-489e-a85a-fd1371126c20";
    private static final String SUBSCRIPTION = "9be11156-d0e4-43dd-a4ef-be085eb9b6fd";

    // --- valid files

    @Test
    void aValidFileQueuesEveryRowAndReturnsTheNewRequestIds() throws Exception {
        SubmitResult result = submitSamples();

        List<Map<String, String>> rows = CsvFiles.read(SampleData.SEAT_CHANGES);
        assertThat(result.skipped()).isZero();
        assertThat(result.queued()).hasSize(rows.size());
        assertThat(result.queued()).extracting(SubmitResult.Queued::requestKey)
                .containsExactlyElementsOf(rows.stream().map(r -> r.get("request_key")).toList());
        assertThat(result.queued()).extracting(SubmitResult.Queued::lineNumber)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(2, rows.size() + 1).boxed().toList());
        List<UUID> ids = result.queued().stream().map(SubmitResult.Queued::requestId).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(store.list(SeatChangeStatus.QUEUED, null)).extracting(StoredRequest::requestId)
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(count("SELECT COUNT(*) FROM seat_change_request")).isEqualTo(rows.size());
    }

    @Test
    void aQueuedRequestKeepsEveryValueOfItsRow() throws Exception {
        SubmitResult result = submitSamples();

        StoredRequest first = store.find(result.queued().get(0).requestId()).orElseThrow();
        assertThat(first.requestKey()).isEqualTo("k-000000");
        assertThat(first.customerTenantId()).isEqualTo(UUID.fromString(TENANT));
        assertThat(first.subscriptionId()).isEqualTo(UUID.fromString(SUBSCRIPTION));
        assertThat(first.kind()).isEqualTo(ChangeKind.LESS);
        assertThat(first.amount()).isEqualTo(100);
        assertThat(first.requestedBy()).isEqualTo("ops.carol");
        assertThat(first.requestedAt()).isEqualTo(Instant.parse("2026-11-16T02:00:00Z"));
        assertThat(first.note()).isEqualTo("offboarding");
        assertThat(first.status()).isEqualTo(SeatChangeStatus.QUEUED);
        assertThat(first.reasonCode()).isNull();
        assertThat(first.decidedAt()).isNull();
    }

    @Test
    void theSameFileSubmittedTwiceQueuesNothingTheSecondTime() throws Exception {
        SubmitResult first = submitSamples();

        SubmitResult second = submitSamples();

        assertThat(second.queued()).isEmpty();
        assertThat(second.skipped()).isEqualTo(first.queued().size());
        assertThat(count("SELECT COUNT(*) FROM seat_change_request")).isEqualTo(first.queued().size());
        assertThat(count("SELECT COUNT(*) FROM seat_change_event")).isEqualTo(first.queued().size());
    }

    @Test
    void aKeyRepeatedInsideOneFileIsQueuedOnceTheFirstTime() throws Exception {
        Path file = file(
                row("Less", "2", "ops.a", "2026-11-20T00:00:00Z", "dup", "first"),
                row("Less", "3", "ops.b", "2026-11-21T00:00:00Z", "other", ""),
                row("Additional", "4", "ops.c", "2026-11-22T00:00:00Z", "dup", "second"));

        SubmitResult result = intake.submit(file, SUBMITTER);

        assertThat(result.skipped()).isEqualTo(1);
        assertThat(result.queued()).extracting(SubmitResult.Queued::requestKey).containsExactly("dup", "other");
        assertThat(result.queued()).extracting(SubmitResult.Queued::lineNumber).containsExactly(2L, 3L);
        StoredRequest dup = store.find(result.queued().get(0).requestId()).orElseThrow();
        assertThat(dup.amount()).isEqualTo(2);
        assertThat(dup.note()).isEqualTo("first");
        assertThat(count("SELECT COUNT(*) FROM seat_change_request")).isEqualTo(2);
    }

    @Test
    void rowsWithoutRequestKeyAreAlwaysQueued() throws Exception {
        Path file = file(
                row("Less", "2", "ops.a", "2026-11-20T00:00:00Z", "", ""),
                row("Less", "2", "ops.a", "2026-11-20T00:00:00Z", "", ""));

        SubmitResult first = intake.submit(file, SUBMITTER);
        SubmitResult second = intake.submit(file, SUBMITTER);

        assertThat(first.queued()).hasSize(2);
        assertThat(second.queued()).hasSize(2);
        assertThat(first.skipped() + second.skipped()).isZero();
        assertThat(count("SELECT COUNT(*) FROM seat_change_request WHERE request_key IS NULL")).isEqualTo(4);
    }

    @Test
    void aBlankRequestedAtDefaultsToTheTimeOfSubmission() throws Exception {
        Path file = file(row("Less", "2", "ops.a", "", "k-blank", ""));

        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SubmitResult result = intake.submit(file, SUBMITTER);
        Instant after = Instant.now().plusMillis(1);

        StoredRequest stored = store.find(result.queued().get(0).requestId()).orElseThrow();
        assertThat(stored.requestedAt()).isBetween(before, after);
    }

    @Test
    void aFileWithoutTheRequestedAtColumnDefaultsItToTheTimeOfSubmission() throws Exception {
        Path file = reports.resolve("no-requested-at.csv");
        Files.writeString(file, "customer_tenant_id,subscription_id,change,amount,requested_by\n"
                + TENANT + "," + SUBSCRIPTION + ",Less,1,ops.a\n", StandardCharsets.UTF_8);

        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SubmitResult result = intake.submit(file, SUBMITTER);
        Instant after = Instant.now().plusMillis(1);

        StoredRequest stored = store.find(result.queued().get(0).requestId()).orElseThrow();
        assertThat(stored.requestedAt()).isBetween(before, after);
        assertThat(stored.requestKey()).isNull();
    }

    @Test
    void headersMatchInAnyCaseAndOrderAndUnknownColumnsAreIgnored() throws Exception {
        Path file = reports.resolve("shuffled.csv");
        Files.writeString(file, "\uFEFFAmount,Change,Ticket,SUBSCRIPTION_ID,Requested_By,Customer_Tenant_Id\n"
                + "5,Additional,T-1," + SUBSCRIPTION + ",ops.a," + TENANT + "\n", StandardCharsets.UTF_8);

        SubmitResult result = intake.submit(file, SUBMITTER);

        StoredRequest stored = store.find(result.queued().get(0).requestId()).orElseThrow();
        assertThat(stored.kind()).isEqualTo(ChangeKind.ADDITIONAL);
        assertThat(stored.amount()).isEqualTo(5);
        assertThat(stored.subscriptionId()).isEqualTo(UUID.fromString(SUBSCRIPTION));
    }

    @ParameterizedTest
    @CsvSource({"Additional,ADDITIONAL", "additional,ADDITIONAL", "add,ADDITIONAL", "ADD,ADDITIONAL",
            "increase,ADDITIONAL", "Increase,ADDITIONAL", "Less,LESS", "less,LESS", "LESS,LESS", "decrease,LESS",
            "DeCrEaSe,LESS", "remove,LESS", "REMOVE,LESS"})
    void changeWordSynonymsAreAcceptedInAnyCase(String word, ChangeKind kind) throws Exception {
        SubmitResult result = intake.submit(file(row(word, "1", "ops.a", "2026-11-20T00:00:00Z", "", "")), SUBMITTER);

        assertThat(store.find(result.queued().get(0).requestId()).orElseThrow().kind()).isEqualTo(kind);
    }

    @Test
    void theSubmissionIsAuditedAsQueuedByTheSubmitter() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SubmitResult result = intake.submit(file(row("Less", "1", "ops.a", "2026-11-20T00:00:00Z", "k-1", "")),
                "ops.dave");
        Instant after = Instant.now().plusMillis(1);

        List<SeatChangeEvent> history = store.history(result.queued().get(0).requestId());
        assertThat(history).singleElement().satisfies(event -> {
            assertThat(event.from()).isNull();
            assertThat(event.to()).isEqualTo(SeatChangeStatus.QUEUED);
            assertThat(event.actor()).isEqualTo("ops.dave");
            assertThat(event.reasonCode()).isNull();
            assertThat(event.occurredAt()).isBetween(before, after);
        });
    }

    // --- refused files

    @Test
    void everyBadValueOfAFileIsListedWithLineColumnAndValueAndNothingIsQueued() throws Exception {
        Path file = reports.resolve("bad.csv");
        Files.writeString(file, String.join("\n", HEADER,
                TENANT + "," + SUBSCRIPTION + ",Less,1,ops.a,2026-11-20T00:00:00Z,good-1,",   // 2: good
                TENANT + "," + SUBSCRIPTION + ",addd,1,ops.a,2026-11-20T00:00:00Z,k-2,",      // 3: change
                TENANT + "," + SUBSCRIPTION + ",Less,0,ops.a,2026-11-20T00:00:00Z,k-3,",      // 4: amount 0
                TENANT + "," + SUBSCRIPTION + ",Less,-1,ops.a,2026-11-20T00:00:00Z,k-4,",     // 5: amount -1
                TENANT + "," + SUBSCRIPTION + ",Less,1.5,ops.a,2026-11-20T00:00:00Z,k-5,",    // 6: amount 1.5
                TENANT + "," + SUBSCRIPTION + ",Less,abc,ops.a,2026-11-20T00:00:00Z,k-6,",    // 7: amount abc
                "not-a-uuid," + SUBSCRIPTION + ",Less,1,ops.a,2026-11-20T00:00:00Z,k-7,",     // 8: tenant
                TENANT + ",9be11156-d0e4-43dd-a4ef,Less,1,ops.a,2026-11-20T00:00:00Z,k-8,",   // 9: subscription
                TENANT + "," + SUBSCRIPTION + ",Less,1,ops.a,2026-11-20 02:00,k-9,",          // 10: instant
                TENANT + "," + SUBSCRIPTION + ",Less,1,,2026-11-20T00:00:00Z,k-10,",          // 11: requested_by
                "x,y,Less,1,ops.a,2026-11-20T00:00:00Z,k-11,",                                // 12: both ids
                TENANT + "," + SUBSCRIPTION + ",Additional,2,ops.a,2026-11-20T00:00:00Z,good-13,") + "\n",
                StandardCharsets.UTF_8);

        FileRefusedException refused = catchThrowableOfType(FileRefusedException.class,
                () -> intake.submit(file, SUBMITTER));

        assertThat(refused).as("the file is refused").isNotNull();
        assertThat(refused.errors()).extracting(SeatChangeIntakeTest::where).containsExactlyInAnyOrder(
                "3|change|addd", "4|amount|0", "5|amount|-1", "6|amount|1.5", "7|amount|abc",
                "8|customer_tenant_id|not-a-uuid", "9|subscription_id|9be11156-d0e4-43dd-a4ef",
                "10|requested_at|2026-11-20 02:00", "11|requested_by|", "12|customer_tenant_id|x",
                "12|subscription_id|y");
        assertThat(refused.errorCount()).isEqualTo(11);
        assertThat(refused.errors()).allSatisfy(e -> {
            assertThat(e.file()).isEqualTo(file.toString());
            assertThat(e.reason()).isNotBlank();
        });
        assertThat(refused).hasMessageContaining("nothing was queued");
        assertNothingQueued();
    }

    @ParameterizedTest(name = "[{index}] {0}={1}")
    @CsvSource(delimiter = '|', value = {
            "change|addd", "change|plus", "amount|0", "amount|-1", "amount|1.5", "amount|abc",
            "customer_tenant_id|not-a-uuid", "subscription_id|12345678-1234-1234-1234-12345678901Z",
            "requested_at|2026-11-26", "requested_at|yesterday", "requested_by|''", "change|''", "amount|''",
            "customer_tenant_id|''", "subscription_id|''"})
    void oneBadValueRefusesTheWholeFileNamingLineColumnAndValue(String column, String value) throws Exception {
        String bad = value == null ? "" : value;
        Map<String, String> cells = new java.util.LinkedHashMap<>(Map.of("customer_tenant_id", TENANT,
                "subscription_id", SUBSCRIPTION, "change", "Less", "amount", "1", "requested_by", "ops.a",
                "requested_at", "2026-11-20T00:00:00Z", "request_key", "k-bad", "note", ""));
        cells.put(column, bad);
        String badLine = List.of(HEADER.split(",")).stream().map(cells::get).collect(Collectors.joining(","));
        Path file = reports.resolve("one-bad.csv");
        Files.writeString(file, String.join("\n", HEADER,
                TENANT + "," + SUBSCRIPTION + ",Less,1,ops.a,2026-11-20T00:00:00Z,k-good-1,",
                badLine,
                TENANT + "," + SUBSCRIPTION + ",Additional,1,ops.a,2026-11-20T00:00:00Z,k-good-3,") + "\n",
                StandardCharsets.UTF_8);

        FileRefusedException refused = catchThrowableOfType(FileRefusedException.class,
                () -> intake.submit(file, SUBMITTER));

        assertThat(refused).as("the file is refused").isNotNull();
        assertThat(refused.errors()).extracting(SeatChangeIntakeTest::where).containsExactly("3|" + column + "|" + bad);
        assertNothingQueued();
    }

    @Test
    void aRefusedFileQueuesNothingEvenWhenItsKeysWereNew() throws Exception {
        Path file = file(row("Less", "1", "ops.a", "2026-11-20T00:00:00Z", "k-new", ""),
                row("Less", "0", "ops.a", "2026-11-20T00:00:00Z", "k-new-2", ""));

        assertThatThrownBy(() -> intake.submit(file, SUBMITTER)).isInstanceOf(FileRefusedException.class);

        // The keys of a refused file were not seen: the corrected file queues them.
        SubmitResult corrected = intake.submit(file(row("Less", "1", "ops.a", "2026-11-20T00:00:00Z", "k-new", ""),
                row("Less", "1", "ops.a", "2026-11-20T00:00:00Z", "k-new-2", "")), SUBMITTER);
        assertThat(corrected.queued()).hasSize(2);
        assertThat(corrected.skipped()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"customer_tenant_id", "subscription_id", "change", "amount", "requested_by"})
    void aMissingRequiredColumnRefusesTheFileNamingTheColumn(String column) throws Exception {
        Path file = reports.resolve("missing-" + column + ".csv");
        Files.writeString(file, HEADER.replace(column, "something_else") + "\n"
                + TENANT + "," + SUBSCRIPTION + ",Less,1,ops.a,2026-11-20T00:00:00Z,k-1,\n", StandardCharsets.UTF_8);

        // The reader wraps it (Spring Batch's "Failed to initialize the reader"); the CLI prints the root cause.
        assertThatThrownBy(() -> intake.submit(file, SUBMITTER))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("missing required column " + column);
        assertNothingQueued();
    }

    // --- hostile content

    @Test
    void quotesCommasNewlinesNonLatinFormulaAndSqlTextAreStoredAsGivenAndReportedSpreadsheetSafe() throws Exception {
        // Given a synced night and requests whose text a CSV writer, a spreadsheet or a SQL string could get wrong
        givenTheSampleNightSynced();
        List<String[]> hostile = List.of(
                new String[] {"O'Brien, \"Ops\"", "k-'); DROP TABLE seat_change_request;--", "line one\nline two, \"quoted\""},
                new String[] {"=cmd|' /C calc'!A0", "=1+1", "株式会社テスト Ωμέγα شركة 😀"},
                new String[] {"@ops", "+k", "-1; DELETE FROM ct_license WHERE 1=1"});
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (String[] h : hostile) {
            text.append(CsvLine.format(new String[] {TENANT, SUBSCRIPTION, "Less", "1", h[0],
                    "2026-11-20T00:00:00Z", h[1], h[2]})).append('\n');
        }
        Path file = Files.createTempFile(reports, "hostile-", ".csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        long ctRecords = count("SELECT COUNT(*) FROM ct_license");

        // When they are submitted and a run decides them
        SubmitResult result = intake.submit(file, SUBMITTER);
        apply(T);

        // Then every value is stored exactly as given, and the report holds it spreadsheet-safe
        assertThat(result.queued()).hasSize(3);
        Map<String, Map<String, String>> reported = CsvFiles.read(report("seat-changes", T)).stream()
                .collect(Collectors.toMap(r -> r.get("request_id"), r -> r));
        for (int i = 0; i < hostile.size(); i++) {
            String[] h = hostile.get(i);
            StoredRequest stored = store.find(result.queued().get(i).requestId()).orElseThrow();
            assertThat(stored.requestedBy()).isEqualTo(h[0]);
            assertThat(stored.requestKey()).isEqualTo(h[1]);
            assertThat(stored.note()).isEqualTo(h[2]);
            assertThat(reported.get(stored.requestId().toString()))
                    .containsEntry("requested_by", SpreadsheetSafe.text(h[0]))
                    .containsEntry("request_key", SpreadsheetSafe.text(h[1]));
        }
        assertThat(count("SELECT COUNT(*) FROM ct_license")).isEqualTo(ctRecords);
        assertThat(count("SELECT COUNT(*) FROM seat_change_request")).isEqualTo(3);
    }

    private void assertNothingQueued() {
        assertThat(count("SELECT COUNT(*) FROM seat_change_request")).isZero();
        assertThat(count("SELECT COUNT(*) FROM seat_change_event")).isZero();
    }

    private static String where(FieldError error) {
        return error.lineNumber() + "|" + error.column() + "|" + (error.value() == null ? "" : error.value());
    }

    private static String row(String change, String amount, String by, String at, String key, String note) {
        return String.join(",", TENANT, SUBSCRIPTION, change, amount, by, at, key, note);
    }

    private Path file(String... rows) throws IOException {
        Path file = Files.createTempFile(reports, "seat-changes-", ".csv");
        Files.writeString(file, HEADER + "\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        return file;
    }
}
