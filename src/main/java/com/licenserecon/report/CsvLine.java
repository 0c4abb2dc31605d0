package com.licenserecon.report;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import java.io.StringWriter;
import java.util.function.Function;
import org.springframework.batch.infrastructure.item.file.transform.LineAggregator;

/** Turns an item into one RFC 4180 line (quoting by OpenCSV) for Spring Batch's flat file writer. */
public final class CsvLine<T> implements LineAggregator<T> {

    private final Function<T, String[]> cells;
    /** One writer for every line of a report (a writer per line was a fifth of a report's formatting). */
    private final StringWriter line = new StringWriter();
    private final ICSVWriter csv = new CSVWriterBuilder(line).withLineEnd("").build();

    /** An aggregator belongs to one report writer, which formats its lines on one thread. */
    public CsvLine(Function<T, String[]> cells) {
        this.cells = cells;
    }

    public static CsvLine<String[]> ofCells() {
        return new CsvLine<>(Function.identity());
    }

    @Override
    public String aggregate(T item) {
        line.getBuffer().setLength(0);
        csv.writeNext(cells.apply(item), false);
        return line.toString();
    }

    /** Quotes only the cells that need it; the line separator is the writer's. */
    public static String format(String[] cells) {
        StringWriter out = new StringWriter();
        try (ICSVWriter csv = new CSVWriterBuilder(out).withLineEnd("").build()) {
            csv.writeNext(cells, false);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot format a CSV line in memory", e);
        }
        return out.toString();
    }
}
