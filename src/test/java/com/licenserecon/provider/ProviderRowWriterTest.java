package com.licenserecon.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The COPY lines the writer formats itself: what PostgreSQL's CSV format reads back as the same values. */
class ProviderRowWriterTest {

    @Test
    void everyPresentCellIsQuotedWithQuotesDoubledAndAnAbsentCellIsEmpty() {
        // given: a quote, the separator, a line break, an empty text and an absent value
        String[] cells = {"1", "say \"hi\"", "a,b", "two\nlines", "", null, "é"};
        StringBuilder line = new StringBuilder();

        // when
        ProviderRowWriter.appendLine(line, cells);

        // then: COPY reads "" as an empty text and the empty cell as NULL
        assertThat(line.toString()).isEqualTo("\"1\",\"say \"\"hi\"\"\",\"a,b\",\"two\nlines\",\"\",,\"é\"\n");
    }
}
