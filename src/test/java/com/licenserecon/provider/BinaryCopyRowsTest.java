package com.licenserecon.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The bytes of PostgreSQL's binary COPY format; ProviderRowWriterTest has PostgreSQL read them back. */
class BinaryCopyRowsTest {

    @Test
    void givenOneRow_thenTheBytesAreTheSignatureTheFieldsAndTheTrailer() throws SQLException {
        // given: a buffer too small for the row, so that it must grow
        BinaryCopyRows rows = new BinaryCopyRows(16);
        String text = "é".repeat(40);
        UUID id = new UUID(1, 2);

        // when
        rows.row(5).int8(7).int4(null).uuid(id).date(LocalDate.of(2000, 1, 2)).text(text);
        rows.end();
        ByteBuffer bytes = ByteBuffer.wrap(drained(rows));

        // then
        byte[] signature = new byte[11];
        bytes.get(signature);
        assertThat(signature).containsExactly('P', 'G', 'C', 'O', 'P', 'Y', '\n', 0xFF, '\r', '\n', 0);
        assertThat(bytes.getInt()).as("flags").isZero();
        assertThat(bytes.getInt()).as("header extension").isZero();
        assertThat(bytes.getShort()).as("fields").isEqualTo((short) 5);
        assertThat(bytes.getInt()).isEqualTo(8);
        assertThat(bytes.getLong()).isEqualTo(7);
        assertThat(bytes.getInt()).as("NULL").isEqualTo(-1);
        assertThat(bytes.getInt()).isEqualTo(16);
        assertThat(new UUID(bytes.getLong(), bytes.getLong())).isEqualTo(id);
        assertThat(bytes.getInt()).isEqualTo(4);
        assertThat(bytes.getInt()).as("days since 2000-01-01").isEqualTo(1);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.getInt()).isEqualTo(utf8.length);
        byte[] read = new byte[utf8.length];
        bytes.get(read);
        assertThat(read).isEqualTo(utf8);
        assertThat(bytes.getShort()).as("trailer").isEqualTo((short) -1);
        assertThat(bytes.hasRemaining()).isFalse();
    }

    @Test
    void whatWasDrainedIsNotDrainedAgain() throws SQLException {
        BinaryCopyRows rows = new BinaryCopyRows(64);
        drained(rows);

        rows.row(1).bool(true);

        assertThat(drained(rows)).containsExactly(0, 1, 0, 0, 0, 1, 1);
        assertThat(rows.size()).isZero();
        assertThat(drained(rows)).isEmpty();
    }

    private static byte[] drained(BinaryCopyRows rows) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rows.drainTo(out::write);
        return out.toByteArray();
    }
}
