package io.pinpipe.cli.stack;

import io.pinpipe.common.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackSettingsTest {

    private final Settings external = Settings.of(Map.of("bootstrap.servers", "kafka-1:9092,kafka-2:9092"));

    @Test
    void aBootstrapFlagOverridesTheSettingWhichOverridesTheEmbeddedBroker() {
        assertThat(StackSettings.bootstrapServers("127.0.0.1:19092", external)).isEqualTo("127.0.0.1:19092");
        assertThat(StackSettings.bootstrapServers(null, external)).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(StackSettings.bootstrapServers(null, Settings.empty())).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void connectEnabledAcceptsAnyCaseAndRefusesOtherWordsByName() {
        assertThat(Settings.of(Map.of("connect.enabled", "False")).getBoolean(StackSettings.CONNECT_ENABLED))
                .isFalse();
        assertThatThrownBy(() -> Settings.of(Map.of("connect.enabled", "no"))
                .getBoolean(StackSettings.CONNECT_ENABLED)).hasMessageContaining("connect.enabled");
    }
}
