package com.licenserecon.csv;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Streams the data rows of an input file in the spec's CSV dialect (UTF-8, RFC 4180 quoting, one
 * header row). Restartable: Spring Batch stores the row count and skips that many rows on restart.
 */
public class CsvRecordReader extends AbstractItemCountingItemStreamItemReader<CsvRecord> {

    private final Path path;
    private final String fileName;
    private final List<String> requiredColumns;
    private final CsvLimits limits;
    private CSVReader csv;
    private CsvHeader header;

    public CsvRecordReader(String name, Path path, List<String> requiredColumns) {
        this(name, path, requiredColumns, CsvLimits.DEFAULT);
    }

    public CsvRecordReader(String name, Path path, List<String> requiredColumns, CsvLimits limits) {
        this.path = path;
        this.fileName = path.toString();
        this.requiredColumns = List.copyOf(requiredColumns);
        this.limits = limits;
        setName(name);
    }

    /**
     * Opens the reader outside a step. Spring Batch wraps a failure to open in its own exception; a
     * caller outside a step wants the reason itself.
     */
    public void openOutsideStep() {
        try {
            open(new ExecutionContext());
        } catch (ItemStreamException e) {
            if (e.getCause() instanceof CsvFormatException reason) {
                throw reason;
            }
            throw e;
        }
    }

    @Override
    protected void doOpen() throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new CsvFormatException(fileName + ": no such file");
        }
        // Bad bytes become U+FFFD and fail the file at the row that holds them: a strict decoder would
        // fail while reading ahead, at a line number that is not the one to fix.
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            Reader text = new LineLengthLimitingReader(new InputStreamReader(Files.newInputStream(path), decoder),
                    fileName, limits.maxLineChars());
            csv = new CSVReaderBuilder(withoutByteOrderMark(text))
                    .withCSVParser(new RFC4180ParserBuilder().build())
                    .withMultilineLimit(limits.maxLinesPerRow())
                    .build();
        } catch (LineLengthLimitingReader.LineTooLongException e) {
            // Found while reading ahead; the line it names is still the one to fix.
            throw new CsvFormatException(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new CsvFormatException(fileName + ": no such file", e);
        }
        String[] headerCells = next();
        if (headerCells == null) {
            throw new CsvFormatException(fileName + ": the file is empty, a header row is required");
        }
        requireUtf8(headerCells, 1);
        header = CsvHeader.of(headerCells, fileName, requiredColumns);
    }

    /** The mark goes before the parser sees it, or a quoted first header cell would not read as quoted. */
    private static Reader withoutByteOrderMark(Reader in) throws IOException {
        PushbackReader reader = new PushbackReader(new BufferedReader(in));
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    @Override
    protected CsvRecord doRead() {
        while (true) {
            long line = csv.getLinesRead() + 1;
            String[] values = next();
            if (values == null) {
                return null;
            }
            if (values.length == 1 && values[0].isBlank()) {
                continue; // a blank line carries no row
            }
            requireUtf8(values, line);
            return new CsvRecord(fileName, line, values, header);
        }
    }

    private static final char REPLACEMENT = '\uFFFD';

    private void requireUtf8(String[] values, long line) {
        for (String value : values) {
            if (value.indexOf(REPLACEMENT) >= 0) {
                throw new CsvFormatException("%s line %d: the file is not valid UTF-8".formatted(fileName, line));
            }
        }
    }

    private String[] next() {
        long line = csv.getLinesRead() + 1;
        try {
            return csv.readNext();
        } catch (LineLengthLimitingReader.LineTooLongException e) {
            throw new CsvFormatException(e.getMessage(), e);
        } catch (IOException | CsvException e) {
            throw new CsvFormatException("%s line %d: unreadable CSV: %s".formatted(fileName, line, e.getMessage()), e);
        }
    }

    @Override
    protected void doClose() throws IOException {
        if (csv != null) {
            csv.close();
            csv = null;
        }
    }
}
