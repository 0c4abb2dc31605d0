package com.licenserecon.ctlicense;

import com.licenserecon.csv.FieldError;
import java.util.List;

/** An import-ct file with bad rows: nothing was loaded; every error found is listed (up to a cap). */
public class CtImportRefusedException extends RuntimeException {

    private final transient List<FieldError> errors;
    private final long errorCount;

    public CtImportRefusedException(String file, List<FieldError> errors, long errorCount) {
        super("%s: %d bad value%s, nothing was loaded".formatted(file, errorCount, errorCount == 1 ? "" : "s"));
        this.errors = List.copyOf(errors);
        this.errorCount = errorCount;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public long errorCount() {
        return errorCount;
    }
}
