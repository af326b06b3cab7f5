package io.pinpipe.gateway.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpipe.gateway.http.RestException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerInstanceConfigTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void anEmptyBodyMeansBinaryAndEveryDefault() {
        ConsumerInstanceConfig config = ConsumerInstanceConfig.parse(null);
        assertThat(config.format()).isEqualTo(EmbeddedFormat.BINARY);
        assertThat(config.name()).isNull();
        assertThat(config.responseMinBytes()).isEqualTo(-1);
        assertThat(config.requestWaitMs()).isNull();
    }

    @Test
    void theConfluentFieldsAreRead() throws Exception {
        ConsumerInstanceConfig config = ConsumerInstanceConfig.parse(MAPPER.readTree("{\"name\":\"c\","
                + "\"format\":\"json\",\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":false,"
                + "\"fetch.min.bytes\":\"100\",\"consumer.request.timeout.ms\":250}"));
        assertThat(config).isEqualTo(new ConsumerInstanceConfig("c", EmbeddedFormat.JSON, "earliest", "false", 100,
                250));
    }

    @Test
    void outOfRangeProxySettingsAnswer422With40001() {
        assertThatThrownBy(() -> ConsumerInstanceConfig.parse(MAPPER.readTree("{\"fetch.min.bytes\":-2}")))
                .isInstanceOfSatisfying(RestException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(40001);
                });
        assertThatThrownBy(() -> ConsumerInstanceConfig.parse(MAPPER.readTree(
                "{\"consumer.request.timeout.ms\":0}"))).hasMessageContaining("consumer.request.timeout.ms");
    }

    @Test
    void unknownFieldsAndNamesWithSlashesAreRefused() {
        assertThatThrownBy(() -> ConsumerInstanceConfig.parse(MAPPER.readTree("{\"formt\":\"json\"}")))
                .hasMessageContaining("formt");
        assertThatThrownBy(() -> ConsumerInstanceConfig.parse(MAPPER.readTree("{\"name\":\"a/b\"}")))
                .hasMessageContaining("'/'");
    }

    @Test
    void theKafkaConfigDropsTheProxysOwnKeysAndSetsTheGroup() throws Exception {
        ConsumerInstanceConfig config = ConsumerInstanceConfig.parse(MAPPER.readTree(
                "{\"auto.offset.reset\":\"earliest\"}"));
        Map<String, Object> kafka = config.kafkaConfig(Map.of("bootstrap.servers", "b:9092",
                "request.timeout.ms", "1000", "instance.timeout.ms", "5", "max.poll.records", "10"), "g", 1_000);
        assertThat(kafka).containsEntry("group.id", "g").containsEntry("auto.offset.reset", "earliest")
                .containsEntry("bootstrap.servers", "b:9092").containsEntry("max.poll.records", "10")
                .doesNotContainKeys("request.timeout.ms", "instance.timeout.ms");
    }

    @Test
    void theFetchBuffersAreBoundedByTheReadLimitUnlessTheOperatorSetsThem() throws Exception {
        ConsumerInstanceConfig config = ConsumerInstanceConfig.parse(MAPPER.readTree("{}"));
        assertThat(config.kafkaConfig(Map.of(), "g", 1_000)).containsEntry("fetch.max.bytes", 1_000)
                .containsEntry("max.partition.fetch.bytes", 1_000);
        assertThat(config.kafkaConfig(Map.of(), "g", 67_108_864))
                .as("the whole fetch never above Kafka's own default; a partition's up to 8 MiB, so large reads"
                        + " wait for fewer fetches").containsEntry("fetch.max.bytes", 52_428_800)
                .containsEntry("max.partition.fetch.bytes", 8_388_608).containsEntry("max.poll.records", 10_000);
        assertThat(config.kafkaConfig(Map.of("fetch.max.bytes", "7", "max.partition.fetch.bytes", "5"), "g", 1_000))
                .containsEntry("fetch.max.bytes", "7").containsEntry("max.partition.fetch.bytes", "5");
    }
}
