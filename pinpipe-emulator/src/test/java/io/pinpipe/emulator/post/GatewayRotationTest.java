package io.pinpipe.emulator.post;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayRotationTest {

    private final GatewayRotation three = new GatewayRotation(List.of(URI.create("http://a:1/"),
            URI.create("http://b:2"), URI.create("http://c:3/prefix//")));

    @Test
    void newCallsTakeEachGatewayInTurn() {
        assertThat(IntStream.range(0, 7).map(i -> three.next()).boxed().toList())
                .containsExactly(0, 1, 2, 0, 1, 2, 0);
    }

    @Test
    void aFailedCallMovesToTheNextGatewayAndWrapsAround() {
        assertThat(three.after(0)).isEqualTo(1);
        assertThat(three.after(1)).isEqualTo(2);
        assertThat(three.after(2)).isZero();
    }

    @Test
    void oneGatewayIsAlwaysItself() {
        GatewayRotation one = new GatewayRotation(List.of(URI.create("http://a:1")));
        assertThat(List.of(one.next(), one.next(), one.after(0))).containsOnly(0);
    }

    @Test
    void basesLoseTheirTrailingSlashesSoPathsJoinCleanly() {
        assertThat(List.of(three.base(0), three.base(1), three.base(2)))
                .containsExactly("http://a:1", "http://b:2", "http://c:3/prefix");
    }

    @Test
    void noGatewayIsRefused() {
        assertThatThrownBy(() -> new GatewayRotation(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
