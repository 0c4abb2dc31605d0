package com.licenserecon.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Counts physical lines as the characters go by and refuses a line longer than the limit. It sits under
 * the CSV parser, which reads whole lines into memory before it looks at them: a file with no line break
 * would otherwise be read whole. Counting here also gives the true line number, which the parser's
 * read-ahead does not.
 */
final class LineLengthLimitingReader extends FilterReader {

    /** Thrown through the CSV parser, which passes I/O failures on unchanged. */
    static final class LineTooLongException extends IOException {
        LineTooLongException(String message) {
            super(message);
        }
    }

    private final String fileName;
    private final int maxLineChars;
    private long line = 1;
    private long lineChars;
    private boolean previousWasCarriageReturn;

    LineLengthLimitingReader(Reader in, String fileName, int maxLineChars) {
        super(in);
        this.fileName = fileName;
        this.maxLineChars = maxLineChars;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c != -1) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        // The rule of count(char), with the state in locals: every character of the file goes through this
        // loop, and writing the fields back per character took 0.3 s of a million-row import.
        long chars = lineChars;
        boolean afterCarriageReturn = previousWasCarriageReturn;
        for (int i = offset; i < offset + n; i++) {
            char c = buffer[i];
            if (c == '\r' || (c == '\n' && !afterCarriageReturn)) {
                line++;
                chars = 0;
            } else if (c != '\n' && ++chars > maxLineChars) {
                throw tooLong();
            }
            afterCarriageReturn = c == '\r';
        }
        lineChars = chars;
        previousWasCarriageReturn = afterCarriageReturn;
        return n;
    }

    /** Line ends as the parser's line reader sees them: \n, \r\n, and a lone \r (old Mac and some Excel exports). */
    private void count(char c) throws LineTooLongException {
        boolean afterCarriageReturn = previousWasCarriageReturn;
        previousWasCarriageReturn = c == '\r';
        if (c == '\r' || (c == '\n' && !afterCarriageReturn)) {
            line++;
            lineChars = 0;
        } else if (c != '\n' && ++lineChars > maxLineChars) {
            throw tooLong();
        }
    }

    private LineTooLongException tooLong() {
        return new LineTooLongException("%s line %d: the line is longer than %,d characters (license-recon.input.max-line-chars)"
                .formatted(fileName, line, maxLineChars));
    }
}
