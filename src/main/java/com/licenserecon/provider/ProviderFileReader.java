package com.licenserecon.provider;

import com.licenserecon.csv.CsvLimits;
import com.licenserecon.csv.CsvRecord;
import com.licenserecon.csv.CsvRecordReader;
import java.nio.file.Path;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The provider file source: each row of the file, validated. Restartable through the CSV reader, which
 * Spring Batch tells how many rows were committed.
 */
public class ProviderFileReader implements ItemStreamReader<ProviderRow> {

    private final CsvRecordReader rows;
    private final ProviderRowParser parser = new ProviderRowParser();

    public ProviderFileReader(Path file) {
        this(file, CsvLimits.DEFAULT);
    }

    public ProviderFileReader(Path file, CsvLimits limits) {
        this.rows = new CsvRecordReader("providerFileReader", file, ProviderFileColumns.REQUIRED, limits);
    }

    @Override
    public ProviderRow read() throws Exception {
        CsvRecord row = rows.read();
        return row == null ? null : parser.process(row);
    }

    @Override
    public void open(ExecutionContext context) {
        rows.open(context);
    }

    @Override
    public void update(ExecutionContext context) {
        rows.update(context);
    }

    @Override
    public void close() {
        rows.close();
    }
}
