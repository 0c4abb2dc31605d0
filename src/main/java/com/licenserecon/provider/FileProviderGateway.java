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
        Path file = outboxFile(change);
        Files.createDirectories(directory);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            StringBuilder text = new StringBuilder();
            if (out.size() == 0) {
                text.append(CsvLine.format(HEADER)).append('\n');
            } else if (!endsWithNewline(file, out.size())) {
                text.append('\n'); // a line cut short by a crash stays alone on its line
            }
            text.append(CsvLine.format(new String[] {change.requestId().toString(),
                    change.customerTenantId().toString(), change.subscriptionId().toString(), change.change(),
                    Integer.toString(change.amount()), Integer.toString(change.quantityBefore()),
                    Integer.toString(change.quantityAfter()), change.appliedAt().toString()})).append('\n');
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
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

    private static boolean endsWithNewline(Path file, long size) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            in.read(last, size - 1);
            return last.get(0) == '\n';
        }
    }
}
