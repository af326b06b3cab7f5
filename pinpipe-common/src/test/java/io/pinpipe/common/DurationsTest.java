package io.pinpipe.common;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @Test
    void readsTheShortFormsPeopleWrite() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse(" 2M ")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void readsIsoDurations() {
        assertThat(Durations.parse("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("pt0.5s")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void rejectsAnythingElseNamingTheValue() {
        assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'soon'");
        assertThatThrownBy(() -> Durations.parse("5 minutes")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("is not a duration");
    }
}
