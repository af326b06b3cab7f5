package io.pinpipe.common;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaClusterTest {

    private final Settings external = Settings.of(Map.of("bootstrap.servers", "kafka-1:9092,kafka-2:9092"));

    @Test
    void aBootstrapFlagOverridesTheSettingWhichOverridesTheEmbeddedBroker() {
        assertThat(KafkaCluster.bootstrapServers("127.0.0.1:19092", external)).isEqualTo("127.0.0.1:19092");
        assertThat(KafkaCluster.bootstrapServers(null, external)).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(KafkaCluster.bootstrapServers(null, Settings.empty())).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void aBlankSettingMeansTheEmbeddedBroker() {
        assertThat(KafkaCluster.bootstrapServers(null, Settings.of(Map.of("bootstrap.servers", "  "))))
                .isEqualTo(KafkaCluster.EMBEDDED_BOOTSTRAP);
    }
}
