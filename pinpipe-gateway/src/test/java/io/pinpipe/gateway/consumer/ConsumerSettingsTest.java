package io.pinpipe.gateway.consumer;

import io.pinpipe.common.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerSettingsTest {

    @Test
    void theDefaultsAreConfluents() {
        assertThat(ConsumerSettings.defaults())
                .isEqualTo(new ConsumerSettings(300_000, 1_000, 67_108_864, 100, 1_048_576));
    }

    @Test
    void settingsAreReadAndChecked() {
        assertThat(ConsumerSettings.from(Settings.of(Map.of("consumer.instance.timeout.ms", "5000")))
                .instanceTimeoutMs()).isEqualTo(5000);
        assertThatThrownBy(() -> ConsumerSettings.from(Settings.of(Map.of("consumer.max.instances", "0"))))
                .hasMessageContaining("consumer.max.instances");
        assertThat(ConsumerSettings.from(Settings.of(Map.of("consumer.body.max.bytes", "2048"))).bodyMaxBytes())
                .isEqualTo(2048);
        assertThatThrownBy(() -> ConsumerSettings.from(Settings.of(Map.of("consumer.body.max.bytes", "-1"))))
                .hasMessageContaining("consumer.body.max.bytes");
    }
}
