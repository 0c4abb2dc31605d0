package com.licenserecon.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.licenserecon.ctlicense.CtLicenseRowParser;
import com.licenserecon.provider.ProviderFileColumns;
import com.licenserecon.provider.ProviderRow;
import com.licenserecon.provider.ProviderRowParser;
import com.licenserecon.report.CsvLine;
import com.licenserecon.seatchange.SeatChangeRowParser;
import com.licenserecon.support.CsvFiles;
import com.licenserecon.support.SampleData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random rows against the CSV reader and the three input parsers: every row is either taken or rejected with
 * a reason that names file, line and column; nothing else ever escapes. The text is what a customer name or a
 * note may hold: quotes, commas, line breaks, non-Latin scripts, formula prefixes and SQL.
 */
class RandomRowsPropertiesTest {

    private static final Instant SUBMITTED_AT = Instant.parse("2026-11-26T02:00:00Z");

    // --- the CSV dialect

    @Property(tries = 200)
    void anyCellsRoundTripThroughTheReportWriterAndTheReader(@ForAll("rows") List<List<String>> rows) throws Exception {
        // Given rows written by the reports' CSV writer
        StringBuilder text = new StringBuilder("id,name,note\n");
        rows.forEach(cells -> text.append(CsvLine.format(cells.toArray(String[]::new))).append('\n'));

        // When the file is read back
        List<CsvRecord> read = readAll(write(text.toString()), List.of("id"));

        // Then every row comes back, cell for cell, at the line it starts on; a line break inside a value
        // reads as \n whatever it was written as
        assertThat(read).hasSameSizeAs(rows);
        long line = 2;
        for (int i = 0; i < rows.size(); i++) {
            List<String> expected = rows.get(i).stream().map(RandomRowsPropertiesTest::lineBreaksAsNewline).toList();
            assertThat(Arrays.asList(read.get(i).values())).isEqualTo(expected);
            assertThat(read.get(i).lineNumber()).isEqualTo(line);
            line += 1 + rows.get(i).stream().mapToLong(RandomRowsPropertiesTest::lineBreaks).sum();
        }
    }

    @Property(tries = 300)
    void anyTextAfterTheHeaderIsReadOrRefusedWithFileAndLine(@ForAll("rawText") String body) throws Exception {
        Path file = write("id,name\n" + body);

        Throwable thrown = catchThrowable(() -> readAll(file, List.of("id", "name")));

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(CsvFormatException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("line ");
        }
    }

    // --- the parsers: taken or rejected with a reason, never thrown

    @Property(tries = 300)
    void everyProviderRowIsAcceptedOrRejectedWithAReason(@ForAll("providerRows") List<List<String>> rows) throws Exception {
        ProviderRowParser parser = new ProviderRowParser();
        List<CsvRecord> records = readBack(SampleData.PROVIDER_LICENSES, rows);

        for (CsvRecord record : records) {
            ProviderRow row = parser.process(record);
            if (row instanceof ProviderRow.Rejected rejected) {
                assertNamesWhereAndWhy(rejected.errors(), record);
            } else {
                assertThat(row).isInstanceOf(ProviderRow.Accepted.class);
            }
        }
        assertThat(records).hasSameSizeAs(rows);
    }

    @Property(tries = 300)
    void everyCtRowIsValidOrInvalidWithAReason(@ForAll("ctRows") List<List<String>> rows) throws Exception {
        CtLicenseRowParser parser = new CtLicenseRowParser();
        List<CsvRecord> records = readBack(SampleData.CT_LICENSES, rows);

        for (CsvRecord record : records) {
            CtLicenseRowParser.Result result = parser.parse(record);
            if (result instanceof CtLicenseRowParser.Invalid invalid) {
                assertNamesWhereAndWhy(invalid.errors(), record);
            } else {
                assertThat(result).isInstanceOf(CtLicenseRowParser.Valid.class);
            }
        }
        assertThat(records).hasSameSizeAs(rows);
    }

    @Property(tries = 300)
    void everySeatChangeRowIsValidOrInvalidWithAReason(@ForAll("seatChangeRows") List<List<String>> rows) throws Exception {
        SeatChangeRowParser parser = new SeatChangeRowParser();
        List<CsvRecord> records = readBack(SampleData.SEAT_CHANGES, rows);

        for (CsvRecord record : records) {
            SeatChangeRowParser.Result result = parser.parse(record, SUBMITTED_AT);
            if (result instanceof SeatChangeRowParser.Invalid invalid) {
                assertNamesWhereAndWhy(invalid.errors(), record);
            } else {
                assertThat(result).isInstanceOf(SeatChangeRowParser.Valid.class);
            }
        }
        assertThat(records).hasSameSizeAs(rows);
    }

    @Property(tries = 50)
    void aSampleRowWithOnlyItsFreeTextReplacedIsStillAccepted(@ForAll("hostileText") String name) throws Exception {
        // Free text is never a reason to reject: customer_name and display_name hold whatever the provider sends
        List<String> sample = firstRow(SampleData.PROVIDER_LICENSES);
        List<String> header = header(SampleData.PROVIDER_LICENSES);
        List<String> row = new ArrayList<>(sample);
        row.set(header.indexOf(ProviderFileColumns.CUSTOMER_NAME), name);
        row.set(header.indexOf(ProviderFileColumns.DISPLAY_NAME), name);

        CsvRecord record = readBack(SampleData.PROVIDER_LICENSES, List.of(row)).get(0);

        assertThat(new ProviderRowParser().process(record)).isInstanceOf(ProviderRow.Accepted.class);
    }

    private static void assertNamesWhereAndWhy(List<FieldError> errors, CsvRecord record) {
        assertThat(errors).isNotEmpty().allSatisfy(error -> {
            assertThat(error.file()).isEqualTo(record.file());
            assertThat(error.lineNumber()).isEqualTo(record.lineNumber());
            assertThat(error.column()).isNotBlank();
            assertThat(error.reason()).isNotBlank();
        });
    }

    // --- generators

    /** Text a report, a spreadsheet or a SQL string could get wrong. U+FFFD is left out: it reads as a bad byte. */
    @Provide
    Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(",\"\n\r'=+-@\t ;|\\").ofMaxLength(8),
                Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars(",\" \n=+-@'")
                        .ofMaxLength(24),
                Arbitraries.strings().withCharRange('\u0400', '\u04FF').withCharRange('\u0600', '\u06FF')
                        .withCharRange('\u4E00', '\u4FFF').withChars(' ', ',').ofMaxLength(12),
                Arbitraries.of("'); DROP TABLE ct_license;--", "=HYPERLINK(\"http://evil.example\")", "+1", "-1", "@x",
                        "😀 Emoji Pty", "NULL", "null", "1e9", "99999999999999999999", "2026-02-30", "", " ", "0", "-0",
                        "true", "FALSE", "P1Y", "1.5", "00000000-0000-0000-0000-000000000000"));
    }

    @Provide
    Arbitrary<List<List<String>>> rows() {
        return hostileText().list().ofSize(3).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<String> rawText() {
        return Arbitraries.strings().withChars("ab1,\"\n\r '=\t").withCharRange('\u0400', '\u0410').ofMaxLength(80);
    }

    @Provide
    Arbitrary<List<List<String>>> providerRows() {
        return rowsLike(SampleData.PROVIDER_LICENSES);
    }

    @Provide
    Arbitrary<List<List<String>>> ctRows() {
        return rowsLike(SampleData.CT_LICENSES);
    }

    @Provide
    Arbitrary<List<List<String>>> seatChangeRows() {
        return rowsLike(SampleData.SEAT_CHANGES);
    }

    /**
     * Rows of a sample file's width where each cell is the sample's valid value or hostile text, so that
     * both accepted and rejected rows come up, and rows that are wrong in one column only.
     */
    private Arbitrary<List<List<String>>> rowsLike(Path sampleFile) {
        List<String> sample = firstRow(sampleFile);
        List<Arbitrary<String>> cells = new ArrayList<>();
        for (String valid : sample) {
            cells.add(Arbitraries.frequencyOf(
                    weighted(4, Arbitraries.just(valid)),
                    weighted(1, hostileText())));
        }
        Arbitrary<List<String>> row = Combinators.combine(cells).as(Function.identity());
        return row.list().ofMinSize(1).ofMaxSize(8);
    }

    private static Tuple.Tuple2<Integer, Arbitrary<? extends String>> weighted(int weight, Arbitrary<String> a) {
        return Tuple.of(weight, a);
    }

    // --- files

    private static List<CsvRecord> readBack(Path sampleFile, List<List<String>> rows) throws Exception {
        List<String> header = header(sampleFile);
        StringBuilder text = new StringBuilder(CsvLine.format(header.toArray(String[]::new))).append('\n');
        rows.forEach(cells -> text.append(CsvLine.format(cells.toArray(String[]::new))).append('\n'));
        return readAll(write(text.toString()), List.of());
    }

    private static List<String> header(Path file) {
        return lines(file).get(0);
    }

    private static List<String> firstRow(Path file) {
        return lines(file).get(1);
    }

    private static List<List<String>> lines(Path file) {
        try {
            String[] headerCells = Files.readAllLines(file, StandardCharsets.UTF_8).get(0).split(",", -1);
            CsvRecord first = CsvFiles.records(file, List.of(), CsvLimits.DEFAULT).get(0);
            return List.of(Arrays.asList(headerCells), Arrays.asList(first.values()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path write(String text) throws IOException {
        Path file = Files.createTempFile("random-rows-", ".csv");
        file.toFile().deleteOnExit();
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static List<CsvRecord> readAll(Path file, List<String> required) throws Exception {
        try {
            return CsvFiles.records(file, required, CsvLimits.DEFAULT);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String lineBreaksAsNewline(String value) {
        return value.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static long lineBreaks(String value) {
        return lineBreaksAsNewline(value).chars().filter(c -> c == '\n').count();
    }
}
