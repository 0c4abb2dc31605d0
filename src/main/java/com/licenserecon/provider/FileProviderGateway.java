package com.licenserecon.provider;

import com.licenserecon.report.CsvLine;
import com.licenserecon.csv.CsvRecord;
import com.licenserecon.csv.CsvRecordReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The file gateway: each applied change is appended to {@code provider-changes-<date>.csv}, the outbox
 * that staff or another system executes at the provider. A line is written whole and forced to disk
 * before the change counts as applied; {@link #hasApplied} reads the outbox back by request id.
 */
public class FileProviderGateway implements ProviderGateway {

    public static final String KIND = "provider-changes";
    public static final String[] HEADER = {"request_id", "customer_tenant_id", "subscription_id", "change", "amount",
            "quantity_before", "quantity_after", "applied_at"};

    private final Path directory;

    public FileProviderGateway(Path directory) {
        this.directory = directory;
    }

    public Path outboxFile(ProviderChange change) {
        return directory.resolve(KIND + "-" + change.asOf().atZone(ZoneOffset.UTC).toLocalDate() + ".csv");
    }

    @Override
    public synchronized void apply(ProviderChange change) throws IOException {
        try (Outbox outbox = new Outbox(outboxFile(change))) {
            outbox.append(change);
            outbox.force();
        }
    }

    /**
     * Appends every line, each written whole before it is answered sent, and forces the outbox once at the
     * end: one flush for the group rather than one per line. A crash before the force loses nothing that
     * was recorded, since no change of the group counts as made until this returns.
     */
    @Override
    public synchronized void applyAll(List<ProviderChange> changes, Answers answers) throws IOException {
        Outbox outbox = null;
        try {
            for (ProviderChange change : changes) {
                Path file = outboxFile(change);
                if (outbox == null || !outbox.file.equals(file)) {
                    if (outbox != null) {
                        outbox.force();
                        outbox.close();
                    }
                    outbox = new Outbox(file);
                }
                outbox.append(change);
                answers.sent(change);
            }
            if (outbox != null) {
                outbox.force();
            }
        } finally {
            if (outbox != null) {
                outbox.close();
            }
        }
    }

    @Override
    public boolean hasApplied(ProviderChange change) throws Exception {
        Path file = outboxFile(change);
        if (!Files.exists(file)) {
            return false;
        }
        CsvRecordReader reader = new CsvRecordReader("outboxReader", file, List.of("request_id", "quantity_after"));
        reader.openOutsideStep();
        try {
            String id = change.requestId().toString();
            CsvRecord row;
            while ((row = reader.read()) != null) {
                // Only a whole line counts: a torn last line lacks its later cells.
                if (id.equals(row.cell("request_id")) && row.hasHeaderWidth()
                        && Integer.toString(change.quantityAfter()).equals(row.cell("quantity_after"))) {
                    return true;
                }
            }
            return false;
        } finally {
            reader.close();
        }
    }

    /** An outbox file open for appending; the header, or a line end after a torn line, goes before the first line. */
    private final class Outbox implements AutoCloseable {

        final Path file;
        private final FileChannel out;
        private boolean first = true;

        Outbox(Path file) throws IOException {
            this.file = file;
            Files.createDirectories(directory);
            this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }

        /** Writes the change's line whole (one write, so a halted JVM leaves it in the file). */
        void append(ProviderChange change) throws IOException {
            StringBuilder text = new StringBuilder();
            if (first) {
                if (out.size() == 0) {
                    text.append(CsvLine.format(HEADER)).append('\n');
                } else if (!endsWithNewline(file, out.size())) {
                    text.append('\n'); // a line cut short by a crash stays alone on its line
                }
                first = false;
            }
            text.append(CsvLine.format(new String[] {change.requestId().toString(),
                    change.customerTenantId().toString(), change.subscriptionId().toString(), change.change(),
                    Integer.toString(change.amount()), Integer.toString(change.quantityBefore()),
                    Integer.toString(change.quantityAfter()), change.appliedAt().toString()})).append('\n');
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }

        void force() throws IOException {
            out.force(true);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static boolean endsWithNewline(Path file, long size) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            in.read(last, size - 1);
            return last.get(0) == '\n';
        }
    }
}
