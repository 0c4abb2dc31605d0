package com.licenserecon.csv;

/** One data row of an input file, with the line it starts on (quoted newlines make rows span lines). */
public record CsvRecord(String file, long lineNumber, String[] values, CsvHeader header) {

    public String cell(String column) {
        return header.cell(values, column);
    }

    public boolean hasHeaderWidth() {
        return values.length == header.width();
    }
}
