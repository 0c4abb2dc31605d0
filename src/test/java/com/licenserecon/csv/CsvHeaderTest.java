package com.licenserecon.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Header rules of file-formats.md: case-insensitive, any order, unknown columns ignored (the byte-order mark is the reader's). */
class CsvHeaderTest {

    private static final List<String> REQUIRED = List.of("customer_tenant_id", "quantity");

    @Test
    @DisplayName("columns are found case-insensitively, in any order")
    void caseInsensitiveAnyOrder() {
        CsvHeader header = CsvHeader.of(new String[] {"Quantity", "CUSTOMER_TENANT_ID"}, "f.csv", REQUIRED);

        String[] values = {"7", "t-1"};
        assertThat(header.cell(values, "customer_tenant_id")).isEqualTo("t-1");
        assertThat(header.cell(values, "quantity")).isEqualTo("7");
    }

    @Test
    @DisplayName("an unknown or optional column absent from the file reads as null")
    void absentColumnIsNull() {
        CsvHeader header = CsvHeader.of(new String[] {"customer_tenant_id", "quantity", "colour"}, "f.csv", REQUIRED);

        assertThat(header.cell(new String[] {"t-1", "7", "red"}, "assigned")).isNull();
        assertThat(header.width()).isEqualTo(3);
    }

    @Test
    @DisplayName("a cell beyond the end of a short row reads as null")
    void shortRowCellIsNull() {
        CsvHeader header = CsvHeader.of(new String[] {"customer_tenant_id", "quantity"}, "f.csv", REQUIRED);

        assertThat(header.cell(new String[] {"t-1"}, "quantity")).isNull();
    }

    @Test
    @DisplayName("a missing required column is refused, naming the file and the column")
    void missingColumn() {
        assertThatThrownBy(() -> CsvHeader.of(new String[] {"customer_tenant_id", "qty"}, "providers.csv", REQUIRED))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("providers.csv")
                .hasMessageContaining("quantity")
                .hasMessageNotContaining("customer_tenant_id");
    }

    @Test
    @DisplayName("all missing required columns are named at once")
    void allMissingColumns() {
        assertThatThrownBy(() -> CsvHeader.of(new String[] {"colour"}, "providers.csv", REQUIRED))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("customer_tenant_id")
                .hasMessageContaining("quantity");
    }
}
