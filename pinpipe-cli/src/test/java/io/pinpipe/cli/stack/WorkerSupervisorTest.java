package io.pinpipe.cli.stack;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerSupervisorTest {

    @Test
    void restartsBackOffByDoublingUpToThirtySeconds() {
        assertThat(WorkerSupervisor.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(WorkerSupervisor.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(WorkerSupervisor.delay(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(WorkerSupervisor.delay(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(WorkerSupervisor.delay(40)).isEqualTo(Duration.ofSeconds(30));
    }
}
