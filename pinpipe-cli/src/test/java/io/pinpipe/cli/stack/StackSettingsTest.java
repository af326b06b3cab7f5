package io.pinpipe.cli.stack;

import io.pinpipe.common.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackSettingsTest {

    @Test
    void connectEnabledAcceptsAnyCaseAndRefusesOtherWordsByName() {
        assertThat(Settings.of(Map.of("connect.enabled", "False")).getBoolean(StackSettings.CONNECT_ENABLED))
                .isFalse();
        assertThatThrownBy(() -> Settings.of(Map.of("connect.enabled", "no"))
                .getBoolean(StackSettings.CONNECT_ENABLED)).hasMessageContaining("connect.enabled");
    }
}
