package com.licenserecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantRangeTest {

    @Test
    void onePartIsEveryTenant() {
        assertThat(TenantRange.split(1)).containsExactly(TenantRange.ALL);
        assertThat(TenantRange.ALL.sql("t")).isEqualTo("TRUE");
    }

    @Test
    void twoPartsMeetAtTheMiddleOfTheUuidSpace() {
        UUID middle = UUID.fromString("80000000-0000-0000-0000-000000000000");

        assertThat(TenantRange.split(2)).containsExactly(new TenantRange(null, middle), new TenantRange(middle, null));
    }

    @Test
    void partsFollowEachOtherWithoutGapOrOverlapFromTheFirstTenantToTheLast() {
        List<TenantRange> ranges = TenantRange.split(7);

        assertThat(ranges).hasSize(7);
        assertThat(ranges.get(0).from()).isNull();
        assertThat(ranges.get(6).to()).isNull();
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).from()).isEqualTo(ranges.get(i - 1).to());
        }
        assertThat(ranges.get(1).from()).isEqualTo(UUID.fromString("24924924-9249-2492-4924-924924924924"));
    }

    @Test
    void aRangeIsAConditionAndAPartitionBound() {
        TenantRange range = TenantRange.split(3).get(1);

        assertThat(range.sql("c.t")).isEqualTo("(c.t >= CAST('55555555-5555-5555-5555-555555555555' AS UUID)"
                + " AND c.t < CAST('aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa' AS UUID))");
        assertThat(TenantRange.split(2).get(0).partitionBound())
                .isEqualTo("FOR VALUES FROM (MINVALUE) TO ('80000000-0000-0000-0000-000000000000')");
        assertThat(TenantRange.split(2).get(1).partitionBound())
                .isEqualTo("FOR VALUES FROM ('80000000-0000-0000-0000-000000000000') TO (MAXVALUE)");
    }

    @Test
    void noPartsIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> TenantRange.split(0));
    }
}
