package io.pinpipe.gateway.streams;

import io.pinpipe.common.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamsSettingsTest {

    @Test
    void byDefaultOnlyStreamingTopicsAreStreams() {
        StreamsSettings settings = StreamsSettings.defaults();
        assertThat(settings.isStream("streaming-0a1b-pin")).isTrue();
        assertThat(settings.isStream("0a1b.pin")).isFalse();
        assertThat(settings.isStream("my-streaming-topic")).isFalse();
        assertThat(settings.maxShards()).isEqualTo(100);
        assertThat(settings.maxStreams()).isEqualTo(50);
        assertThat(settings.bodyMaxBytes()).isEqualTo(8 * 1_048_576);
        assertThat(settings.putRecordsMax()).isEqualTo(500);
    }

    @Test
    void theBodyLimitAndThePutRecordsCapAreSettingsAndChecked() {
        StreamsSettings settings = StreamsSettings.from(Settings.of(Map.of("streams.body.max.bytes", "1024",
                "streams.put.records.max", "10")));
        assertThat(settings.bodyMaxBytes()).isEqualTo(1024);
        assertThat(settings.putRecordsMax()).isEqualTo(10);
        assertThatThrownBy(() -> StreamsSettings.from(Settings.of(Map.of("streams.body.max.bytes", "0"))))
                .hasMessageContaining("streams.body.max.bytes");
        assertThatThrownBy(() -> StreamsSettings.from(Settings.of(Map.of("streams.put.records.max", "many"))))
                .hasMessageContaining("streams.put.records.max");
    }

    @Test
    void thePatternIsConfigurableAndChecked() {
        StreamsSettings settings = StreamsSettings.from(Settings.of(Map.of("streams.topic.pattern", ".*")));
        assertThat(settings.isStream("anything")).isTrue();
        assertThatThrownBy(() -> StreamsSettings.from(Settings.of(Map.of("streams.topic.pattern", "(unclosed"))))
                .hasMessageContaining("streams.topic.pattern");
        assertThatThrownBy(() -> StreamsSettings.from(Settings.of(Map.of("streams.max.shards", "0"))))
                .hasMessageContaining("streams.max.shards");
        assertThatThrownBy(() -> StreamsSettings.from(Settings.of(Map.of("streams.max.streams", "0"))))
                .hasMessageContaining("streams.max.streams");
    }
}
