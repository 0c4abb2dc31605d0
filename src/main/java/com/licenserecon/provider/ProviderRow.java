package com.licenserecon.provider;

import com.licenserecon.csv.FieldError;
import java.util.List;

/** A provider file row after validation: imported, or rejected with every reason. */
public sealed interface ProviderRow {

    long lineNumber();

    record Accepted(long lineNumber, ProviderSubscription subscription) implements ProviderRow {
    }

    record Rejected(long lineNumber, List<FieldError> errors) implements ProviderRow {
    }
}
