package io.pinpipe.gateway.consumer;

import io.pinpipe.gateway.front.MemoryBudget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadMemoryTest {

    @Test
    void aReadReservesItsLimitTimesTheGrowthOfItsFormat() {
        assertThat(ReadMemory.reservationFor(EmbeddedFormat.BINARY, 1_000)).isEqualTo(3_000);
        assertThat(ReadMemory.reservationFor(EmbeddedFormat.JSON, 1_000)).isEqualTo(4_000);
        assertThat(ReadMemory.reservationFor(EmbeddedFormat.BINARY, 67_108_864L))
                .as("the default consumer.request.max.bytes does not overflow").isEqualTo(201_326_592L);
    }

    @Test
    void aReservationClampedToTheBudgetShrinksTheReadToFitIt() {
        MemoryBudget budget = new MemoryBudget(1_048_576);
        long wanted = ReadMemory.reservationFor(EmbeddedFormat.BINARY, 67_108_864L);
        long clamped = budget.tryReserveClamped(wanted, 0);
        assertThat(clamped).isEqualTo(budget.capacity());
        long limit = ReadMemory.limitWithin(EmbeddedFormat.BINARY, clamped);
        assertThat(limit).isEqualTo(349_525);
        assertThat(ReadMemory.reservationFor(EmbeddedFormat.BINARY, limit)).isLessThanOrEqualTo(budget.capacity());
        assertThat(ReadMemory.limitWithin(EmbeddedFormat.JSON, 4_000)).isEqualTo(1_000);
    }

    @Test
    void aTinyReservationStillLetsTheReadHandOutOneRecord() {
        assertThat(ReadMemory.limitWithin(EmbeddedFormat.JSON, 1)).isEqualTo(1);
    }
}
