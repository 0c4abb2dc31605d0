package com.licenserecon.csv;

import java.util.List;

/** An all-or-nothing input file with bad rows: nothing was taken from it; every error found is listed (up to a cap). */
public class FileRefusedException extends RuntimeException {

    private final transient List<FieldError> errors;
    private final long errorCount;

    public FileRefusedException(String file, List<FieldError> errors, long errorCount, String consequence) {
        super("%s: %d bad value%s, %s".formatted(file, errorCount, errorCount == 1 ? "" : "s", consequence));
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
