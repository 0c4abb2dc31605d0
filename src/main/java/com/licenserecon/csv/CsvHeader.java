package com.licenserecon.csv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header row of an input file. Per the file-formats spec, headers match case-insensitively and in
 * any order, and unknown columns are ignored. ({@link CsvRecordReader} drops a byte-order mark.)
 */
public final class CsvHeader {

    private final Map<String, Integer> indexByName;
    private final int width;

    private CsvHeader(Map<String, Integer> indexByName, int width) {
        this.indexByName = indexByName;
        this.width = width;
    }

    public static CsvHeader of(String[] cells, String file, List<String> requiredColumns) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < cells.length; i++) {
            index.putIfAbsent(normalize(cells[i] == null ? "" : cells[i]), i);
        }
        List<String> missing = new ArrayList<>();
        for (String required : requiredColumns) {
            if (!index.containsKey(normalize(required))) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new CsvFormatException("%s: missing required column%s %s".formatted(
                    file, missing.size() == 1 ? "" : "s", String.join(", ", missing)));
        }
        return new CsvHeader(index, cells.length);
    }

    /** The cell of the named column, or null where the file has no such column. */
    public String cell(String[] values, String column) {
        // Callers name columns as the index holds them; normalising each lookup cost a tenth of the parse.
        Integer i = indexByName.get(column);
        if (i == null) {
            i = indexByName.get(normalize(column));
        }
        return i == null || i >= values.length ? null : values[i];
    }

    public int width() {
        return width;
    }

    private static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
