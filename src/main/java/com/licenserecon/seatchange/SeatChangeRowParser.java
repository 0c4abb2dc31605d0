package com.licenserecon.seatchange;

import com.licenserecon.csv.CsvRecord;
import com.licenserecon.csv.FieldError;
import com.licenserecon.csv.RowParser;
import java.time.Instant;
import java.util.List;

/**
 * Validates one row of a seat change file against the file-formats spec. A parser made with
 * {@link #requestedBy(String)} records every row as asked by that one person (an authenticated API caller):
 * the {@code requested_by} column is then optional and its cells are ignored.
 */
public final class SeatChangeRowParser {

    public static final List<String> REQUIRED = List.of("customer_tenant_id", "subscription_id", "change", "amount",
            "requested_by");

    /** The required columns when the requester is fixed: {@link #REQUIRED} without {@code requested_by}. */
    public static final List<String> REQUIRED_WITH_FIXED_REQUESTER = REQUIRED.stream()
            .filter(column -> !column.equals("requested_by")).toList();

    /** The requester of every row, or null when each row names its own in {@code requested_by}. */
    private final String fixedRequester;

    /** Each row names its requester in the required {@code requested_by} column (the CLI's files). */
    public SeatChangeRowParser() {
        this(null);
    }

    private SeatChangeRowParser(String fixedRequester) {
        this.fixedRequester = fixedRequester;
    }

    /** Every row is requested by {@code requester}, whatever its {@code requested_by} cell says. */
    public static SeatChangeRowParser requestedBy(String requester) {
        if (requester == null || requester.isBlank()) {
            throw new IllegalArgumentException("a fixed requester must not be blank");
        }
        return new SeatChangeRowParser(requester);
    }

    /** The columns a file must have for this parser. */
    public List<String> requiredColumns() {
        return fixedRequester == null ? REQUIRED : REQUIRED_WITH_FIXED_REQUESTER;
    }

    public sealed interface Result {
    }

    public record Valid(long lineNumber, NewSeatChange change) implements Result {
    }

    public record Invalid(List<FieldError> errors) implements Result {
    }

    /** @param submittedAt the default {@code requested_at}: the time of submission */
    public Result parse(CsvRecord record, Instant submittedAt) {
        RowParser row = new RowParser(record);
        var tenant = row.uuid("customer_tenant_id", true);
        var subscription = row.uuid("subscription_id", true);
        var kind = row.parse("change", true,
                "is not Additional or Less (also accepted: add, increase, decrease, remove)", ChangeKind::parse);
        var amount = row.integer("amount", true, 1);
        var requestedBy = fixedRequester != null ? fixedRequester : row.text("requested_by", true);
        var requestedAt = row.instant("requested_at", false);
        var key = row.text("request_key", false);
        var note = row.parse("note", false, "", java.util.Optional::of);
        if (!row.isValid()) {
            return new Invalid(row.errors());
        }
        return new Valid(record.lineNumber(), new NewSeatChange(tenant, subscription, kind, amount, requestedBy,
                requestedAt == null ? submittedAt : requestedAt, key, note));
    }
}
