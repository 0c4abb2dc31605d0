package com.licenserecon.seatchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenserecon.csv.CsvFormatException;
import com.licenserecon.csv.CsvHeader;
import com.licenserecon.csv.CsvRecord;
import com.licenserecon.csv.FieldError;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A seat change row read with the requester of its file, or with one fixed requester (an API upload). */
class SeatChangeRowParserTest {

    private static final String FILE = "seat-changes.csv";
    private static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
    private static final String TENANT = "7e31ea49-118d-489e-a85a-fd1371126c20";
    private static final String SUBSCRIPTION = "9be11156-d0e4-43dd-a4ef-be085eb9b6fd";

    private static CsvRecord row(SeatChangeRowParser parser, String header, String values) {
        return new CsvRecord(FILE, 2, values.split(",", -1),
                CsvHeader.of(header.split(","), FILE, parser.requiredColumns()));
    }

    @Test
    void aFileRowNeedsItsRequester() {
        SeatChangeRowParser parser = new SeatChangeRowParser();

        var result = parser.parse(row(parser, "customer_tenant_id,subscription_id,change,amount,requested_by",
                TENANT + "," + SUBSCRIPTION + ",Less,3,"), NOW);

        assertThat(result).isInstanceOf(SeatChangeRowParser.Invalid.class);
        assertThat(((SeatChangeRowParser.Invalid) result).errors()).extracting(FieldError::column)
                .containsExactly("requested_by");
        assertThatThrownBy(() -> row(parser, "customer_tenant_id,subscription_id,change,amount", "x,y,z,1"))
                .isInstanceOf(CsvFormatException.class).hasMessageContaining("requested_by");
    }

    @Test
    void aFixedRequesterNeedsNoColumnAndOverridesTheOneGiven() {
        SeatChangeRowParser parser = SeatChangeRowParser.requestedBy("ops.api");

        var without = parser.parse(row(parser, "customer_tenant_id,subscription_id,change,amount",
                TENANT + "," + SUBSCRIPTION + ",Less,3"), NOW);
        var with = parser.parse(row(parser, "customer_tenant_id,subscription_id,change,amount,requested_by",
                TENANT + "," + SUBSCRIPTION + ",add,2,mallory"), NOW);

        assertThat(((SeatChangeRowParser.Valid) without).change()).isEqualTo(new NewSeatChange(UUID.fromString(TENANT),
                UUID.fromString(SUBSCRIPTION), ChangeKind.LESS, 3, "ops.api", NOW, null, null));
        assertThat(((SeatChangeRowParser.Valid) with).change().requestedBy()).isEqualTo("ops.api");
        assertThat(parser.requiredColumns()).doesNotContain("requested_by");
        assertThatThrownBy(() -> SeatChangeRowParser.requestedBy(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
