package com.licenserecon.seatchange;

import com.licenserecon.csv.CsvRecord;
import com.licenserecon.csv.FieldError;
import com.licenserecon.csv.RowParser;
import java.time.Instant;
import java.util.List;

/** Validates one row of a seat change file against the file-formats spec. */
public final class SeatChangeRowParser {

    public static final List<String> REQUIRED = List.of("customer_tenant_id", "subscription_id", "change", "amount",
            "requested_by");

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
        var requestedBy = row.text("requested_by", true);
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
