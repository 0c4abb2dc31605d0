package com.licenserecon.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The refund batches as the PostgreSQL renewal-windows report reads them (sql/postgresql/V12). */
class RefundScheduleTest {

    private static RefundableBatch batch(int seats, String until) {
        return new RefundableBatch(seats, Instant.parse(until));
    }

    @Test
    void givenNoBatch_thenThereIsNoSchedule() {
        assertThat(RefundSchedule.of(List.of())).isNull();
    }

    @Test
    void givenBatchesInAnyOrder_thenTheyAreSortedByDeadlineAndEachCarriesItsSeatsAndAllLaterOnes() {
        RefundSchedule schedule = RefundSchedule.of(List.of(batch(252, "2026-12-03T08:33:00Z"),
                batch(37, "2026-11-28T04:08:00Z"), batch(91, "2026-11-28T08:42:00Z")));

        assertThat(schedule.deadlines()).containsExactly("2026-11-28T04:08:00Z", "2026-11-28T08:42:00Z", "2026-12-03T08:33:00Z");
        assertThat(schedule.seatsFrom()).containsExactly(380, 343, 252);
        assertThat(schedule.untilMicros()).containsExactly(Instant.parse("2026-11-28T04:08:00Z").toEpochMilli() * 1000,
                Instant.parse("2026-11-28T08:42:00Z").toEpochMilli() * 1000, Instant.parse("2026-12-03T08:33:00Z").toEpochMilli() * 1000);
    }

    @Test
    void givenTwoBatchesWithOneDeadline_thenTheyKeepTheProvidersOrder() {
        RefundSchedule schedule = RefundSchedule.of(List.of(batch(5, "2026-12-01T00:00:00Z"), batch(2, "2026-11-30T00:00:00Z"),
                batch(7, "2026-12-01T00:00:00Z")));

        assertThat(schedule.seatsFrom()).containsExactly(14, 12, 7);
    }

    @Test
    void givenBatchesOfTwoBillionSeats_thenTheSeatsAddUpWithoutOverflow() {
        RefundSchedule schedule = RefundSchedule.of(List.of(batch(2_000_000_000, "2026-12-01T00:00:00Z"),
                batch(2_000_000_000, "2026-12-02T00:00:00Z")));

        assertThat(schedule.seatsFrom()).containsExactly(4_000_000_000L, 2_000_000_000L);
    }

    @Test
    void itsTextIsTheRefundableTextInTheProvidersOrder() {
        List<RefundableBatch> batches = List.of(batch(5, "2026-12-01T00:00:00Z"), batch(2, "2026-11-30T00:00:00.5Z"));

        assertThat(RefundSchedule.of(batches).text()).isEqualTo(RefundableBatch.format(batches))
                .isEqualTo("5@2026-12-01T00:00:00Z;2@2026-11-30T00:00:00.500Z");
    }

    @Test
    void givenADeadlineBetweenTwoMicroseconds_thenItIsStoredAtTheLaterOne() {
        // after T = ...30.123456 (a microsecond PostgreSQL can hold) exactly when the instant is
        RefundSchedule schedule = RefundSchedule.of(List.of(batch(1, "2026-11-28T10:15:30.1234567Z"),
                batch(1, "2026-11-28T10:15:31.000001Z")));
        long second = Instant.parse("2026-11-28T10:15:30Z").getEpochSecond() * 1_000_000;

        assertThat(schedule.untilMicros()).containsExactly(second + 123_457, second + 1_000_001);
        assertThat(schedule.deadlines()).containsExactly("2026-11-28T10:15:30.123456700Z", "2026-11-28T10:15:31.000001Z");
    }
}
