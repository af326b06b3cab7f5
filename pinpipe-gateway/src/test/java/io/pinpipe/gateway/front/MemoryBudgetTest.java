package io.pinpipe.gateway.front;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryBudgetTest {

    @Test
    void reservationsNeverExceedTheCapacityAndReleasesMakeRoomAgain() {
        MemoryBudget budget = new MemoryBudget(100);
        assertThat(budget.tryReserve(60)).isTrue();
        assertThat(budget.tryReserve(41)).isFalse();
        assertThat(budget.used()).isEqualTo(60);
        assertThat(budget.tryReserve(40)).isTrue();
        budget.release(60);
        assertThat(budget.tryReserve(60)).isTrue();
        assertThat(budget.used()).isEqualTo(100);
    }

    @Test
    void aClampedReservationTakesWhatCouldEverFitOrNothingWhenThatDoesNotFitNow() {
        MemoryBudget budget = new MemoryBudget(100);
        assertThat(budget.tryReserveClamped(30, 0)).as("fits whole").isEqualTo(30);
        assertThat(budget.tryReserveClamped(1_000, 10)).as("does not fit now").isZero();
        assertThat(budget.used()).isEqualTo(30);
        budget.release(30);
        assertThat(budget.tryReserveClamped(1_000, 10)).as("clamped to the capacity less what is held").isEqualTo(90);
        assertThat(budget.tryReserveClamped(5, 100)).as("nothing left for a request holding all").isZero();
        assertThat(budget.used()).isEqualTo(90);
    }

    @Test
    void tinyJsonValuesCostFarMoreThanTheirText() {
        String records = "{\"records\":[" + "{\"value\":{}},".repeat(999) + "{\"value\":{}}]}";
        long cost = JsonCost.of(Buffer.buffer(records));
        // three tokens per 14-byte record: the estimate must see the tree, not only the text
        assertThat(cost).isGreaterThan(3_000 * JsonCost.BYTES_PER_TOKEN).isGreaterThan(records.length() * 20L);
    }

    @Test
    void concatenatedDocumentsAreAllCountedAndMalformedBodiesCostWhatWasRead() {
        long one = JsonCost.of(Buffer.buffer("{\"value\":1}"));
        long two = JsonCost.of(Buffer.buffer("{\"value\":1}{\"value\":1}"));
        assertThat(two - 2 * one).isZero();
        assertThat(JsonCost.of(Buffer.buffer("{\"value\":"))).isPositive();
        assertThat(JsonCost.of(Buffer.buffer(""))).isZero();
    }
}
