package io.pinpipe.common;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatetimesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2020-08-28T03:52:47", "2020-08-28 03:52:47", "2020-08-28T03:52:47.000",
            " 2020-08-28 03:52:47 "})
    void acceptsDatabaseAndIsoForms(String text) {
        assertThat(Datetimes.parse(text)).isEqualTo(LocalDateTime.of(2020, 8, 28, 3, 52, 47));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020-08-28", "2020-08-28T03:52", "2020-13-28T03:52:47", "2020-08-28X03:52:47", ""})
    void rejectsAnythingElse(String text) {
        assertThatThrownBy(() -> Datetimes.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020-08-28T03:52:47.999"})
    void formatsWithoutFraction(String text) {
        assertThat(Datetimes.format(Datetimes.parse(text))).isEqualTo("2020-08-28T03:52:47");
    }
}
