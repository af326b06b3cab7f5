package io.pinpipe.gateway.ops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComponentsTest {

    @Test
    void aPartThatIsNotUpDegradesTheOverallStatusUntilItIsUpAgain() {
        Components components = new Components();
        assertThat(components.overall()).isEqualTo("UP");

        components.report("connect", "RESTARTING", "exit code 137");
        assertThat(components.overall()).isEqualTo("DEGRADED");
        assertThat(components.snapshot()).containsEntry("connect",
                new Components.State("RESTARTING", "exit code 137"));

        components.report("connect", Components.UP, "running");
        assertThat(components.overall()).isEqualTo("UP");
    }
}
