package com.licenserecon.csv;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bounds on one input file's lines ({@code license-recon.input.*}). A reader holds one row in memory at a
 * time; these keep that row bounded, so a broken file fails at its line instead of filling the heap.
 *
 * @param maxLineChars characters a physical line may hold
 * @param maxLinesPerRow physical lines one quoted value may span (an unterminated quote would otherwise
 *     pull the rest of the file into one value)
 */
@ConfigurationProperties("license-recon.input")
public record CsvLimits(Integer maxLineChars, Integer maxLinesPerRow) {

    /** A real row of any input format is a few hundred characters; notes are free text but not books. */
    public static final int DEFAULT_MAX_LINE_CHARS = 65_536;
    public static final int DEFAULT_MAX_LINES_PER_ROW = 1000;

    public static final CsvLimits DEFAULT = new CsvLimits(null, null);

    public CsvLimits {
        maxLineChars = maxLineChars == null ? DEFAULT_MAX_LINE_CHARS : maxLineChars;
        maxLinesPerRow = maxLinesPerRow == null ? DEFAULT_MAX_LINES_PER_ROW : maxLinesPerRow;
        if (maxLineChars < 1 || maxLinesPerRow < 1) {
            throw new IllegalArgumentException("license-recon.input limits must be positive: max-line-chars="
                    + maxLineChars + ", max-lines-per-row=" + maxLinesPerRow);
        }
    }
}
