package com.licenserecon.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenserecon.csv.CsvFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The provider file reader reads ahead on a thread of its own, in batches; what comes out is the file, in order. */
class ProviderFileReaderTest {

    private static final String HEADER = "customer_tenant_id,customer_name,subscription_id,offer_id,sku_part_number,"
            + "display_name,quantity,assigned,status,auto_renew,commitment,term_duration,billing_cycle,term_start,term_end,refundable";

    @TempDir
    Path dir;

    @Test
    void givenMoreRowsThanSeveralBatches_whenReadToTheEnd_thenEveryRowComesOutOnceInFileOrder() throws Exception {
        Path file = providerFile(1234, -1);

        List<ProviderRow> rows = readAll(new ProviderFileReader(file), new ExecutionContext());

        assertThat(rows).hasSize(1234);
        assertThat(rows).extracting(ProviderRow::lineNumber).containsExactlyElementsOf(lines(2, 1235));
        assertThat(rows).allMatch(row -> row instanceof ProviderRow.Accepted);
    }

    @Test
    void givenAFileThatIsNotUtf8AtRow1100_whenRead_thenTheRowsBeforeItComeOutAndThenTheErrorNamesItsLine() throws Exception {
        Path file = providerFile(1500, 1100);
        ProviderFileReader reader = new ProviderFileReader(file);
        reader.open(new ExecutionContext());
        List<ProviderRow> rows = new ArrayList<>();

        assertThatThrownBy(() -> {
            for (ProviderRow row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
            }
        }).isInstanceOf(CsvFormatException.class).hasMessageContaining("line 1101: the file is not valid UTF-8");
        reader.close();

        assertThat(rows).extracting(ProviderRow::lineNumber).containsExactlyElementsOf(lines(2, 1100));
    }

    @Test
    void givenTheStateSavedAfter700Rows_whenANewReaderOpensWithIt_thenItResumesAtRow701() throws Exception {
        Path file = providerFile(1234, -1);
        ExecutionContext saved = new ExecutionContext();
        ProviderFileReader first = new ProviderFileReader(file);
        first.open(saved);
        for (int i = 0; i < 700; i++) {
            first.read();
        }
        first.update(saved);
        first.close();

        List<ProviderRow> rest = readAll(new ProviderFileReader(file), saved);

        assertThat(rest).extracting(ProviderRow::lineNumber).containsExactlyElementsOf(lines(702, 1235));
    }

    @Test
    void givenTheReadAheadWaitingOnAFullQueue_whenTheReaderIsClosed_thenItsThreadEndsAndTheReaderOpensAgain() throws Exception {
        Path file = providerFile(12_000, -1);
        ProviderFileReader reader = new ProviderFileReader(file);
        reader.open(new ExecutionContext());
        reader.read();
        Thread.sleep(300); // the read-ahead fills its queue (5,000 rows) and waits

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), reader::close);

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("provider-file-read-ahead"));
        assertThat(readAll(reader, new ExecutionContext())).hasSize(12_000);
    }

    private static List<ProviderRow> readAll(ProviderFileReader reader, ExecutionContext context) throws Exception {
        reader.open(context);
        List<ProviderRow> rows = new ArrayList<>();
        for (ProviderRow row = reader.read(); row != null; row = reader.read()) {
            rows.add(row);
        }
        reader.close();
        return rows;
    }

    private static List<Long> lines(long first, long last) {
        List<Long> lines = new ArrayList<>();
        for (long line = first; line <= last; line++) {
            lines.add(line);
        }
        return lines;
    }

    /** Valid rows; the row numbered {@code badRow} (1-based) holds a byte that is not UTF-8. */
    private Path providerFile(int rows, int badRow) throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        out.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i <= rows; i++) {
            String name = i == badRow ? "Caf\u0000" : "Customer " + i;
            byte[] line = ("%s,%s,%s,CFQ7TTC00446:0001,SPE_F1,Microsoft 365 F3,10,5,active,true,NCE,P1Y,annual,2026-07-08,2027-07-07,\n"
                    .formatted(UUID.nameUUIDFromBytes(("t" + i / 3).getBytes()), name, UUID.nameUUIDFromBytes(("s" + i).getBytes())))
                    .getBytes(StandardCharsets.UTF_8);
            if (i == badRow) {
                for (int b = 0; b < line.length; b++) {
                    if (line[b] == 0) {
                        line[b] = (byte) 0xC3; // a lead byte with no continuation
                    }
                }
            }
            out.write(line);
        }
        return Files.write(dir.resolve("provider.csv"), out.toByteArray());
    }
}
