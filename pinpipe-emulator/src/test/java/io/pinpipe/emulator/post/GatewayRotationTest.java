package io.pinpipe.emulator.post;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rotation on a fake clock: turns, rests that double and end, failovers that skip what was tried. */
class GatewayRotationTest {

    private final AtomicLong now = new AtomicLong(-5_000_000_000L);
    private final GatewayRotation three = new GatewayRotation(3, now::get);

    private void advance(Duration time) {
        now.addAndGet(time.toNanos());
    }

    private int[] firsts(int count) {
        return IntStream.range(0, count).map(i -> three.first()).toArray();
    }

    @Test
    void newRequestsTakeEachGatewayInTurn() {
        assertThat(firsts(7)).containsExactly(0, 1, 2, 0, 1, 2, 0);
    }

    @Test
    void aRefusingGatewayRestsAndIsTriedAgainWhenItsRestIsOver() {
        three.refused(1);
        assertThat(firsts(6)).containsExactly(0, 2, 2, 0, 2, 2);

        advance(GatewayRotation.FIRST_REST.minusMillis(1));
        assertThat(three.resting(1)).isTrue();
        advance(Duration.ofMillis(1));
        assertThat(three.resting(1)).isFalse();
        assertThat(firsts(3)).containsExactly(0, 1, 2);
    }

    @Test
    void theRestDoublesWithEachRefusalInARowUpToTheCapAndAnAnswerEndsIt() {
        three.refused(0);
        advance(GatewayRotation.FIRST_REST);
        three.refused(0);
        advance(GatewayRotation.FIRST_REST.multipliedBy(2).minusMillis(1));
        assertThat(three.resting(0)).as("the second refusal in a row rests twice as long").isTrue();
        advance(Duration.ofMillis(1));
        assertThat(three.resting(0)).isFalse();

        for (int i = 0; i < 40; i++) {
            three.refused(0);
        }
        advance(GatewayRotation.MAX_REST);
        assertThat(three.resting(0)).as("no rest is longer than the cap").isFalse();

        three.refused(0);
        three.answered(0);
        assertThat(three.resting(0)).isFalse();
        three.refused(0);
        advance(GatewayRotation.FIRST_REST);
        assertThat(three.resting(0)).as("an answer restarts the doubling").isFalse();
    }

    @Test
    void aFailoverGoesToTheNextGatewayNotTriedAndNotResting() {
        assertThat(three.failover(0, 0b001)).isEqualTo(1);
        assertThat(three.failover(2, 0b100)).as("wraps around").isZero();
        assertThat(three.failover(1, 0b011)).isEqualTo(2);
        assertThat(three.failover(2, 0b111)).as("every gateway tried").isEqualTo(-1);

        three.refused(1);
        assertThat(three.failover(0, 0b001)).as("a resting gateway is passed by").isEqualTo(2);
        three.refused(2);
        assertThat(three.failover(0, 0b001)).isEqualTo(-1);
    }

    @Test
    void whenEveryGatewayRestsANewRequestGoesToTheOneDueBackFirst() {
        three.refused(0);
        three.refused(0);
        advance(Duration.ofMillis(10));
        three.refused(2);
        advance(Duration.ofMillis(10));
        three.refused(1);

        assertThat(firsts(3)).containsOnly(2);
    }

    @Test
    void oneGatewayIsAlwaysItself() {
        GatewayRotation one = new GatewayRotation(1, now::get);
        one.refused(0);
        assertThat(new int[] {one.first(), one.first()}).containsOnly(0);
        assertThat(one.failover(0, 0b1)).isEqualTo(-1);
    }

    @Test
    void aRotationNeedsOneToSixtyFourGateways() {
        assertThatThrownBy(() -> new GatewayRotation(0, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GatewayRotation(65, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
