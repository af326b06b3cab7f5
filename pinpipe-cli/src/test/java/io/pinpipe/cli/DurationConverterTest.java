package io.pinpipe.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsTheShortFormsPeopleWrite() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert(" 2M ")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("1d")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void readsIsoDurations() {
        assertThat(converter.convert("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("pt0.5s")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void rejectsAnythingElseNamingTheValue() {
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'soon'");
        assertThatThrownBy(() -> converter.convert("5 minutes")).hasMessageContaining("is not a duration");
        assertThatThrownBy(() -> converter.convert("")).hasMessageContaining("is not a duration");
    }
}
