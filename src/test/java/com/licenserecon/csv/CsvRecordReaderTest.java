package com.licenserecon.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.licenserecon.support.CsvFiles;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The CSV dialect of file-formats.md: UTF-8 (BOM accepted), RFC 4180 quoting, one header row, restartable. */
class CsvRecordReaderTest {

    private static final List<String> REQUIRED = List.of("id", "name");

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private Path write(String name, String text) throws Exception {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<CsvRecord> readAll(Path file) throws Exception {
        return readAll(file, CsvLimits.DEFAULT);
    }

    private static List<CsvRecord> readAll(Path file, CsvLimits limits) {
        return CsvFiles.records(file, REQUIRED, limits);
    }

    /**
     * The file's failure, from open() or read(). Spring Batch's open() wraps what doOpen() throws in an
     * ItemStreamException, so the CsvFormatException is looked up in the cause chain.
     */
    private static CsvFormatException failureOf(Path file) {
        Throwable thrown = catchThrowable(() -> readAll(file));
        assertThat(thrown).as("reading %s should fail", file).isNotNull();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof CsvFormatException e) {
                return e;
            }
        }
        throw new AssertionError("no CsvFormatException in the cause chain of " + thrown, thrown);
    }

    @Test
    @DisplayName("data rows are read with their cells by column name, the first on line 2")
    void readsRowsByColumnName() throws Exception {
        Path file = write("a.csv", "id,name\n1,Alice\n2,Bob\n");

        List<CsvRecord> records = readAll(file);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).cell("id")).isEqualTo("1");
        assertThat(records.get(0).cell("name")).isEqualTo("Alice");
        assertThat(records.get(0).lineNumber()).isEqualTo(2);
        assertThat(records.get(0).file()).isEqualTo(file.toString());
        assertThat(records.get(1).cell("name")).isEqualTo("Bob");
        assertThat(records.get(1).lineNumber()).isEqualTo(3);
    }

    @Test
    @DisplayName("headers match case-insensitively and in any order")
    void headerCaseInsensitiveAnyOrder() throws Exception {
        Path file = write("a.csv", "NAME,Id\nAlice,1\n");

        CsvRecord record = readAll(file).get(0);

        assertThat(record.cell("id")).isEqualTo("1");
        assertThat(record.cell("name")).isEqualTo("Alice");
        assertThat(record.cell("ID")).isEqualTo("1");
    }

    @Test
    @DisplayName("unknown columns are ignored")
    void unknownColumnsIgnored() throws Exception {
        Path file = write("a.csv", "colour,id,comment,name\nred,1,hello,Alice\n");

        CsvRecord record = readAll(file).get(0);

        assertThat(record.cell("id")).isEqualTo("1");
        assertThat(record.cell("name")).isEqualTo("Alice");
        assertThat(record.hasHeaderWidth()).isTrue();
    }

    @Test
    @DisplayName("a UTF-8 byte-order mark is accepted")
    void byteOrderMarkAccepted() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write("id,name\n1,Zoë\n".getBytes(StandardCharsets.UTF_8));
        Path file = write("bom.csv", bytes.toByteArray());

        CsvRecord record = readAll(file).get(0);

        assertThat(record.cell("id")).isEqualTo("1");
        assertThat(record.cell("name")).isEqualTo("Zoë");
    }

    @Test
    @DisplayName("a UTF-8 byte-order mark is accepted before a quoted header (RFC 4180 quoting of the header row)")
    void byteOrderMarkBeforeQuotedHeader() throws Exception {
        // PowerShell's Export-Csv -Encoding UTF8 writes exactly this: a mark, then every field quoted.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write("\"id\",\"name\"\n\"1\",\"Alice\"\n".getBytes(StandardCharsets.UTF_8));
        Path file = write("bom-quoted.csv", bytes.toByteArray());

        CsvRecord record = readAll(file).get(0);

        assertThat(record.cell("id")).isEqualTo("1");
        assertThat(record.cell("name")).isEqualTo("Alice");
    }

    @Test
    @DisplayName("a missing required column fails the file with a message naming the file and the column")
    void missingRequiredColumn() throws Exception {
        Path file = write("no-name.csv", "id,nickname\n1,Al\n");

        CsvFormatException e = failureOf(file);

        assertThat(e.getMessage()).contains(file.toString()).contains("name").contains("missing");
        assertThat(e.getMessage()).doesNotContain("id,");
    }

    @Test
    @DisplayName("several missing required columns are all named")
    void severalMissingColumns() throws Exception {
        Path file = write("nothing.csv", "colour\nred\n");

        CsvFormatException e = failureOf(file);

        assertThat(e.getMessage()).contains(file.toString()).contains("id").contains("name");
    }

    @Test
    @DisplayName("a quoted field keeps its comma, doubled quote and newline; the next record's line counts the extra line")
    void quotedFieldsReadIntact() throws Exception {
        Path file = write("q.csv", "id,name\n1,\"Contoso, \"\"The\"\" Ltd\nsecond line\"\n2,Bob\n");

        List<CsvRecord> records = readAll(file);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).cell("name")).isEqualTo("Contoso, \"The\" Ltd\nsecond line");
        assertThat(records.get(0).lineNumber()).isEqualTo(2);
        assertThat(records.get(1).cell("name")).isEqualTo("Bob");
        assertThat(records.get(1).lineNumber()).isEqualTo(4);
    }

    @Test
    @DisplayName("CRLF line endings are read like LF, with no carriage return left in the last cell")
    void crlfLineEndings() throws Exception {
        Path file = write("crlf.csv", "id,name\r\n1,Alice\r\n2,Bob\r\n");

        List<CsvRecord> records = readAll(file);

        assertThat(records).extracting(r -> r.cell("name")).containsExactly("Alice", "Bob");
        assertThat(records).extracting(CsvRecord::lineNumber).containsExactly(2L, 3L);
    }

    @Test
    @DisplayName("a last row without a final newline is read")
    void lastRowWithoutNewline() throws Exception {
        Path file = write("a.csv", "id,name\n1,Alice\n2,Bob");

        assertThat(readAll(file)).extracting(r -> r.cell("name")).containsExactly("Alice", "Bob");
    }

    @Test
    @DisplayName("blank lines are skipped, and line numbers stay those of the file")
    void blankLinesSkipped() throws Exception {
        Path file = write("b.csv", "id,name\n\n1,Alice\n\n\n2,Bob\n\n");

        List<CsvRecord> records = readAll(file);

        assertThat(records).extracting(r -> r.cell("id")).containsExactly("1", "2");
        assertThat(records).extracting(CsvRecord::lineNumber).containsExactly(3L, 6L);
    }

    @Test
    @DisplayName("a row with the wrong number of fields is still read, for the row parser to reject")
    void rowWithWrongWidthIsRead() throws Exception {
        Path file = write("w.csv", "id,name\n1\n2,Bob,extra\n");

        List<CsvRecord> records = readAll(file);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).hasHeaderWidth()).isFalse();
        assertThat(records.get(0).cell("name")).isNull();
        assertThat(records.get(1).hasHeaderWidth()).isFalse();
    }

    @Test
    @DisplayName("bytes that are not UTF-8 fail the file with a message naming UTF-8 and the file")
    void notUtf8() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("id,name\n1,Alice\n2,Caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9); // é in ISO-8859-1, alone: malformed UTF-8
        bytes.write("\n".getBytes(StandardCharsets.UTF_8));
        Path file = write("latin1.csv", bytes.toByteArray());

        CsvFormatException e = failureOf(file);

        assertThat(e.getMessage()).contains("UTF-8").contains(file.toString()).containsPattern("line \\d+");
    }

    @Test
    @DisplayName("the UTF-8 failure names the line that holds the bad byte")
    void notUtf8NamesTheLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("id,name\n1,Alice\n2,Bob\n3,Caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9);
        bytes.write("\n4,Dan\n".getBytes(StandardCharsets.UTF_8));
        Path file = write("latin1-line4.csv", bytes.toByteArray());

        CsvFormatException e = failureOf(file);

        assertThat(e.getMessage()).contains("UTF-8").contains("line 4");
    }

    @Test
    @DisplayName("the UTF-8 failure names the right line far into a large file (beyond any read-ahead buffer)")
    void notUtf8NamesTheLineInALargeFile() throws Exception {
        StringBuilder text = new StringBuilder("id,name\n");
        for (int i = 1; i < 1000; i++) {
            text.append(i).append(",name number ").append(i).append('\n');
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(text.toString().getBytes(StandardCharsets.UTF_8));
        bytes.write("1000,Ren".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9);
        bytes.write("\n".getBytes(StandardCharsets.UTF_8));
        Path file = write("latin1-line1001.csv", bytes.toByteArray());

        CsvFormatException e = failureOf(file);

        assertThat(e.getMessage()).contains("UTF-8").contains("line 1001");
    }

    @Test
    @DisplayName("a bad byte in the header fails the file at line 1")
    void notUtf8InHeader() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("id,nam".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9);
        bytes.write(",name\n1,Alice,A\n".getBytes(StandardCharsets.UTF_8));
        Path file = write("latin1-header.csv", bytes.toByteArray());

        CsvFormatException e = failureOf(file);

        assertThat(e.getMessage()).contains("UTF-8").contains("line 1");
    }

    @Test
    @DisplayName("an empty file fails with a clear message: a header row is required")
    void emptyFile() throws Exception {
        Path file = write("empty.csv", new byte[0]);

        CsvFormatException e = failureOf(file);

        assertThat(e.getMessage()).contains(file.toString()).contains("empty").contains("header");
    }

    @Test
    @DisplayName("a missing file fails with a message naming it")
    void missingFile() {
        Path file = dir.resolve("nowhere.csv");

        CsvFormatException e = failureOf(file);

        assertThat(e.getMessage()).contains(file.toString()).contains("no such file");
    }

    @Test
    @DisplayName("a file with only a header has no rows")
    void headerOnly() throws Exception {
        Path file = write("h.csv", "id,name\n");

        assertThat(readAll(file)).isEmpty();
    }

    @Test
    @DisplayName("restart: a new reader opened with the saved execution context resumes at the third row")
    void restartResumesAfterSavedCount() throws Exception {
        Path file = write("r.csv", "id,name\n1,A\n2,B\n3,C\n4,D\n5,E\n");
        ExecutionContext ctx = new ExecutionContext();

        CsvRecordReader first = new CsvRecordReader("providers", file, REQUIRED);
        first.open(ctx);
        assertThat(first.read().cell("id")).isEqualTo("1");
        assertThat(first.read().cell("id")).isEqualTo("2");
        first.update(ctx);
        first.close();

        CsvRecordReader second = new CsvRecordReader("providers", file, REQUIRED);
        second.open(ctx);
        try {
            CsvRecord third = second.read();
            assertThat(third.cell("id")).isEqualTo("3");
            assertThat(third.lineNumber()).isEqualTo(4);
            assertThat(second.read().cell("id")).isEqualTo("4");
            assertThat(second.read().cell("id")).isEqualTo("5");
            assertThat(second.read()).isNull();
        } finally {
            second.close();
        }
    }

    @Test
    @DisplayName("restart counts rows, not lines: blank lines and quoted newlines before the saved point are skipped correctly")
    void restartAcrossBlankLinesAndQuotedNewlines() throws Exception {
        Path file = write("r2.csv", "id,name\n\n1,\"multi\nline\"\n\n2,B\n3,C\n");
        ExecutionContext ctx = new ExecutionContext();

        CsvRecordReader first = new CsvRecordReader("cts", file, REQUIRED);
        first.open(ctx);
        first.read();
        first.read();
        first.update(ctx);
        first.close();

        CsvRecordReader second = new CsvRecordReader("cts", file, REQUIRED);
        second.open(ctx);
        try {
            CsvRecord third = second.read();
            assertThat(third.cell("id")).isEqualTo("3");
            assertThat(third.lineNumber()).isEqualTo(7);
            assertThat(second.read()).isNull();
        } finally {
            second.close();
        }
    }

    @Test
    @DisplayName("a fresh execution context starts at the first row")
    void freshContextStartsAtTheBeginning() throws Exception {
        Path file = write("r.csv", "id,name\n1,A\n2,B\n");
        CsvRecordReader reader = new CsvRecordReader("providers", file, REQUIRED);
        reader.open(new ExecutionContext());
        try {
            assertThat(reader.read().cell("id")).isEqualTo("1");
        } finally {
            reader.close();
        }
    }

    @Test
    @DisplayName("an unterminated quote fails the file naming its line, instead of reading the rest of the file into one value")
    void unterminatedQuoteFailsNamingItsLine() throws Exception {
        StringBuilder text = new StringBuilder("id,name\n1,Alice\n2,\"Bob\n");
        for (int i = 0; i < CsvLimits.DEFAULT_MAX_LINES_PER_ROW + 10; i++) {
            text.append(i + 3).append(",Someone\n");
        }
        Path file = write("unterminated.csv", text.toString());

        assertThatThrownBy(() -> readAll(file))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 3");
    }

    @Test
    @DisplayName("a line longer than the configured limit fails the file naming file and line")
    void overlongLineFailsNamingFileAndLine() throws Exception {
        Path file = write("long.csv", "id,name\n1,Alice\n2," + "x".repeat(101) + "\n3,Carol\n");

        assertThatThrownBy(() -> readAll(file, new CsvLimits(100, null)))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("longer than 100 characters");
    }

    @Test
    @DisplayName("lines ended by a lone carriage return are counted as lines, for the limit and its line number")
    void carriageReturnOnlyLineEndsAreLines() throws Exception {
        Path file = write("mac.csv", "id,name\r1," + "a".repeat(90) + "\r2," + "b".repeat(90) + "\r3," + "c".repeat(150) + "\r");

        assertThatThrownBy(() -> readAll(file, new CsvLimits(100, null)))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("line 4");
    }

    @Test
    @DisplayName("the limit names the overlong line even when it comes after many good rows")
    void overlongLineFarIntoTheFileIsNamed() throws Exception {
        StringBuilder text = new StringBuilder("id,name\n");
        for (int i = 1; i <= 5000; i++) {
            text.append(i).append(",Customer ").append(i).append('\n');
        }
        text.append("5001,").append("y".repeat(500)).append('\n');
        Path file = write("far.csv", text.toString());

        assertThatThrownBy(() -> readAll(file, new CsvLimits(200, null)))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("line 5002");
    }

    @Test
    @DisplayName("a line exactly at the limit is read; the limit counts each physical line of a quoted value on its own")
    void lineAtTheLimitIsRead() throws Exception {
        String at = "x".repeat(96); // "2," + 96 + ... = 98, plus quotes within a multi-line value below
        Path file = write("limit.csv", "id,name\r\n2," + at + "zz\r\n3,\"" + at + "\n" + at + "\"\r\n");
        CsvRecordReader reader = new CsvRecordReader("limit", file, REQUIRED, new CsvLimits(100, null));
        reader.open(new ExecutionContext());
        try {
            assertThat(reader.read().cell("name")).hasSize(98);
            assertThat(reader.read().cell("name")).isEqualTo(at + "\n" + at);
            assertThat(reader.read()).isNull();
        } finally {
            reader.close();
        }
    }

    @Test
    @DisplayName("a file without any line break longer than the limit fails on its first line, before it is read whole")
    void fileWithoutLineBreaksFailsOnLineOne() throws Exception {
        Path file = write("one-line.csv", "id,name" + ",x".repeat(200_000));

        assertThatThrownBy(() -> {
            CsvRecordReader reader = new CsvRecordReader("one", file, REQUIRED, new CsvLimits(1000, null));
            reader.openOutsideStep();
        }).isInstanceOf(CsvFormatException.class).hasMessageContaining("line 1").hasMessageContaining(file.toString());
    }
}
