package io.pinpipe.cli.schedule;

import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleTest {

    private static final ZonedDateTime NOON = ZonedDateTime.parse("2024-03-05T12:00:00Z");

    @Test
    void presetsMeanWhatAirflowMeans() {
        assertThat(Schedule.parse("@daily").nextAfter(NOON)).isEqualTo(ZonedDateTime.parse("2024-03-06T00:00:00Z"));
        assertThat(Schedule.parse("@hourly").nextAfter(NOON)).isEqualTo(ZonedDateTime.parse("2024-03-05T13:00:00Z"));
        assertThat(Schedule.parse("@daily").previousBefore(NOON)).isEqualTo(ZonedDateTime.parse("2024-03-05T00:00Z"));
    }

    @Test
    void cronLinesWork() {
        assertThat(Schedule.parse("30 2 * * *").nextAfter(NOON))
                .isEqualTo(ZonedDateTime.parse("2024-03-06T02:30:00Z"));
    }

    @Test
    void nonsenseIsAClearError() {
        assertThatThrownBy(() -> Schedule.parse("every day")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'every day'").hasMessageContaining("@daily");
        assertThatThrownBy(() -> Schedule.parse("61 * * * *")).isInstanceOf(IllegalArgumentException.class);
    }
}
