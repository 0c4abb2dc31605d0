package com.licenserecon.csv;

/** A file that cannot be read at all (missing column, unreadable header): the whole file is refused. */
public class CsvFormatException extends RuntimeException {

    public CsvFormatException(String message) {
        super(message);
    }

    public CsvFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
