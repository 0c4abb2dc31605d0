package com.licenserecon.seatchange;

import com.licenserecon.csv.CsvLimits;
import com.licenserecon.csv.CsvRecord;
import com.licenserecon.csv.CsvRecordReader;
import com.licenserecon.csv.FieldError;
import com.licenserecon.csv.FileRefusedException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queues seat change requests, all or nothing: every row of a file is validated first, and one bad row
 * refuses the file. A row whose request_key was seen before (in the queue or earlier in the file) is
 * skipped, so a file submitted twice queues its requests once.
 */
@Service
public class SeatChangeIntake {

    private static final Logger log = LoggerFactory.getLogger(SeatChangeIntake.class);

    private final SeatChangeStore store;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final CsvLimits limits;

    public SeatChangeIntake(SeatChangeStore store, TransactionTemplate transaction, Clock clock, CsvLimits limits) {
        this.store = store;
        this.transaction = transaction;
        this.clock = clock;
        this.limits = limits;
    }

    /** Queues the rows of a file, each requested by the person its {@code requested_by} column names. */
    public SubmitResult submit(Path file, String submittedBy) throws Exception {
        return submit(file, submittedBy, new SeatChangeRowParser());
    }

    /**
     * Queues the rows of a file on behalf of one requester (an authenticated API caller): every row is
     * requested and submitted by {@code requester}, and the file needs no {@code requested_by} column.
     */
    public SubmitResult submitAs(Path file, String requester) throws Exception {
        return submit(file, requester, SeatChangeRowParser.requestedBy(requester));
    }

    /**
     * Queues one already validated request (an API call); a blank {@code requestedAt} means now. A request whose
     * request_key was seen before is skipped, as in a file.
     */
    public SubmitResult submit(NewSeatChange change, String submittedBy) {
        Instant now = clock.instant();
        NewSeatChange dated = change.requestedAt() != null ? change : new NewSeatChange(change.customerTenantId(),
                change.subscriptionId(), change.kind(), change.amount(), change.requestedBy(), now,
                change.requestKey(), change.note());
        SubmitResult result = transaction.execute(status ->
                queue(List.of(new SeatChangeRowParser.Valid(0, dated)), now, submittedBy));
        log.info("seat change submitted by {}: queued {}, skipped {} seen before", submittedBy,
                result.queued().size(), result.skipped());
        return result;
    }

    private SubmitResult submit(Path file, String submittedBy, SeatChangeRowParser parser) throws Exception {
        Instant now = clock.instant();
        List<SeatChangeRowParser.Valid> rows = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        CsvRecordReader reader = new CsvRecordReader("seatChangeReader", file, parser.requiredColumns(), limits);
        reader.openOutsideStep();
        try {
            CsvRecord record;
            while ((record = reader.read()) != null) {
                SeatChangeRowParser.Result parsed = parser.parse(record, now);
                if (parsed instanceof SeatChangeRowParser.Valid valid) {
                    rows.add(valid);
                } else if (parsed instanceof SeatChangeRowParser.Invalid invalid) {
                    errors.addAll(invalid.errors());
                }
            }
        } finally {
            reader.close();
        }
        if (!errors.isEmpty()) {
            throw new FileRefusedException(file.toString(), errors, errors.size(), "nothing was queued");
        }
        SubmitResult result = transaction.execute(status -> queue(rows, now, submittedBy));
        log.info("seat-changes submit {}: read {} rows, queued {}, skipped {} seen before", file, rows.size(),
                result.queued().size(), result.skipped());
        return result;
    }

    private SubmitResult queue(List<SeatChangeRowParser.Valid> rows, Instant now, String submittedBy) {
        List<SubmitResult.Queued> queued = new ArrayList<>();
        Set<String> keysInFile = new HashSet<>();
        int skipped = 0;
        for (SeatChangeRowParser.Valid row : rows) {
            String key = row.change().requestKey();
            if (key != null && (!keysInFile.add(key) || store.keyExists(key))) {
                skipped++;
                continue;
            }
            UUID id = UUID.randomUUID();
            store.queue(id, row.change(), now, submittedBy);
            queued.add(new SubmitResult.Queued(id, key, row.lineNumber()));
        }
        return new SubmitResult(queued, skipped);
    }
}
