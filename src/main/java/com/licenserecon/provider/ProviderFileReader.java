package com.licenserecon.provider;

import com.licenserecon.csv.CsvLimits;
import com.licenserecon.csv.CsvRecord;
import com.licenserecon.csv.CsvRecordReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The provider file source: each row of the file, validated. Restartable through the CSV reader, which
 * Spring Batch tells how many rows were committed.
 *
 * <p>The rows are read and validated one chunk ahead, on a thread of their own: reading and validating is
 * most of the import's time in the JVM, and without the read-ahead it waits while the server copies the
 * previous chunk in (on two cores, a third of the import). The rows still come out one by one, in file
 * order, and a failure (a malformed file) comes out where the sequential read would have met it, after
 * the rows before it. They are handed over in batches: one queue operation per row made the two threads
 * wait on each other a million times (a third of the reading time at a million rows). The saved position
 * is the number of rows handed to the step, not the number read ahead, so a restart resumes after the last
 * committed chunk as before.
 */
public class ProviderFileReader implements ItemStreamReader<ProviderRow> {

    /** Rows per hand-over. */
    private static final int BATCH = 500;
    /** One chunk of the default size ahead: enough to keep the reader busy during a chunk's COPY. */
    private static final int READ_AHEAD = 5_000 / BATCH;
    private static final Object END = new Object();

    private final CsvRecordReader rows;
    private final ProviderRowParser parser = new ProviderRowParser();
    private final BlockingQueue<Object> ahead = new ArrayBlockingQueue<>(READ_AHEAD);
    private Thread readAhead;
    private volatile boolean closing;
    private boolean finished;
    /** The batch being handed out, and the next row of it. */
    private List<ProviderRow> batch = List.of();
    private int next;
    /** Rows handed to the step, counted from the start of the file (the restart position). */
    private int handedOut;

    public ProviderFileReader(Path file) {
        this(file, CsvLimits.DEFAULT);
    }

    public ProviderFileReader(Path file, CsvLimits limits) {
        this.rows = new CsvRecordReader("providerFileReader", file, ProviderFileColumns.REQUIRED, limits);
    }

    /** What the read-ahead thread met instead of a row. */
    private record Failure(Throwable error) {
    }

    @Override
    @SuppressWarnings("unchecked")
    public ProviderRow read() throws Exception {
        if (next < batch.size()) {
            handedOut++;
            return batch.get(next++);
        }
        if (finished) {
            return null;
        }
        if (readAhead == null) {
            readAhead = new Thread(this::readAhead, "provider-file-read-ahead");
            readAhead.setDaemon(true);
            readAhead.start();
        }
        Object item = ahead.take();
        if (item == END) {
            finished = true;
            return null;
        }
        if (item instanceof Failure failure) {
            finished = true;
            if (failure.error() instanceof Exception e) {
                throw e;
            }
            if (failure.error() instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(failure.error());
        }
        batch = (List<ProviderRow>) item;
        next = 0;
        return read();
    }

    private void readAhead() {
        List<ProviderRow> rowsRead = new ArrayList<>(BATCH);
        try {
            while (!closing) {
                CsvRecord row = rows.read();
                if (row != null) {
                    rowsRead.add(parser.process(row));
                }
                if (row == null || rowsRead.size() == BATCH) {
                    if (!rowsRead.isEmpty() && !hand(rowsRead)) {
                        return;
                    }
                    rowsRead = new ArrayList<>(BATCH);
                }
                if (row == null) {
                    hand(END);
                    return;
                }
            }
        } catch (Throwable e) {
            // The rows before the failure first, as a sequential read would have returned them.
            if (rowsRead.isEmpty() || hand(rowsRead)) {
                hand(new Failure(e));
            }
        }
    }

    /** Waits for room in the queue; gives up (false) when the reader is being closed. */
    private boolean hand(Object item) {
        try {
            while (!ahead.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (closing) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void open(ExecutionContext context) {
        closing = false;
        finished = false;
        batch = List.of();
        next = 0;
        rows.open(context);
        String key = readCountKey();
        handedOut = context.containsKey(key) ? context.getInt(key) : 0;
    }

    @Override
    public void update(ExecutionContext context) {
        rows.update(context);
        // The CSV reader has read ahead of the step; the step has only been given handedOut rows.
        context.putInt(readCountKey(), handedOut);
    }

    private String readCountKey() {
        return rows.getExecutionContextKey("read.count");
    }

    @Override
    public void close() {
        closing = true;
        if (readAhead != null) {
            try {
                readAhead.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            readAhead = null;
        }
        ahead.clear();
        batch = List.of();
        rows.close();
    }
}
