package io.pinpipe.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpipe.connect.LakeSinkConnector;
import io.pinpipe.gateway.config.GatewayConfig;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.runtime.SinkConnectorConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example files under {@code deploy/} are what deploy/README.md tells people to use, so every key in them must
 * be one the reading component knows, and every value one it accepts.
 */
class DeployExamplesTest {

    private static final Path DEPLOY = Path.of("").toAbsolutePath().getParent().resolve("deploy");
    private static final Set<String> CLIENT_PREFIXES = Set.of("consumer.", "producer.", "admin.");

    @Test
    void gatewayExampleLoadsWithEveryKeyKnownAndSpeaksMskIam() {
        GatewayConfig config = GatewayConfig.load(DEPLOY.resolve("gateway/kafka-rest.properties"),
                Map.of("PINPIPE_API_KEYS", "example-key"));

        assertThat(config.ignoredKeys()).isEmpty();
        assertThat(config.kafka().producer()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "AWS_MSK_IAM")
                .containsEntry("sasl.client.callback.handler.class",
                        "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
        assertThat(config.kafka().admin()).containsEntry("sasl.mechanism", "AWS_MSK_IAM");
        assertThat(config.listener().toString()).isEqualTo("http://0.0.0.0:8082");
        assertThat(config.apiKeysEnabled()).isTrue();
        assertThat(config.topicsRegex().matcher("12c0d092d679.pin").matches()).isTrue();
        assertThat(config.topicsRegex().matcher("streaming-12c0d092d679-geo").matches()).isTrue();
        assertThat(config.topicsRegex().matcher("12c0d092d679Xpin").matches()).isFalse();
        assertThat(config.topicsRegex().matcher("someone-else.pin").matches()).isFalse();
        // deploy/README.md creates the streams with `pinpipe topics create`; the deployed gateway does not.
        assertThat(config.streamsAdminEnabled()).isFalse();
    }

    @Test
    void mskConnectConnectorExampleIsValidForTheLakeSink() throws IOException {
        assertValidConnector(properties(DEPLOY.resolve("msk-connect/lake-sink.properties")));
    }

    @Test
    void connectRestExampleIsValidForTheLakeSink() throws IOException {
        JsonNode body = new ObjectMapper().readTree(DEPLOY.resolve("connect/lake-sink.json").toFile());
        assertThat(body.path("name").asText()).isNotBlank();
        Map<String, String> config = new LinkedHashMap<>();
        body.path("config").fields().forEachRemaining(field -> config.put(field.getKey(), field.getValue().asText()));

        assertValidConnector(config);
    }

    @Test
    void mskConnectWorkerExampleNamesLoadableConverters() throws Exception {
        Map<String, String> worker = properties(DEPLOY.resolve("msk-connect/worker.properties"));

        assertThat(worker).containsOnlyKeys("key.converter", "value.converter");
        for (String converter : worker.values()) {
            Class.forName(converter);
        }
    }

    @Test
    void distributedWorkerExampleUsesOnlyWorkerAndClientKeys() throws IOException {
        Map<String, String> worker = properties(DEPLOY.resolve("connect/worker-msk-iam.properties"));
        Set<String> workerKeys = new DistributedConfig(worker).values().keySet();

        for (String key : worker.keySet()) {
            String prefix = CLIENT_PREFIXES.stream().filter(key::startsWith).findFirst().orElse("");
            String name = key.substring(prefix.length());
            Set<String> known = switch (prefix) {
                case "consumer." -> ConsumerConfig.configNames();
                case "producer." -> ProducerConfig.configNames();
                case "admin." -> AdminClientConfig.configNames();
                default -> workerKeys;
            };
            assertThat(known).as("the key %s of the worker example", key).contains(name);
        }
    }

    /** Connect's own keys for a sink, and the lake sink's keys, with values the connector accepts. */
    private static void assertValidConnector(Map<String, String> config) {
        Set<String> known = new HashSet<>(SinkConnectorConfig.configDef().names());
        LakeSinkConnector connector = new LakeSinkConnector();
        known.addAll(connector.config().names());
        assertThat(config.keySet().stream().filter(key -> !known.contains(key)).toList())
                .as("keys neither Connect nor the lake sink knows").isEmpty();
        assertThat(config).containsEntry("connector.class", LakeSinkConnector.class.getName());

        List<String> errors = connector.validate(config).configValues().stream()
                .filter(value -> !value.errorMessages().isEmpty())
                .map(value -> value.name() + ": " + value.errorMessages()).collect(Collectors.toList());
        assertThat(errors).isEmpty();
        assertThat(connector.validate(config).configValues()).extracting(ConfigValue::name).contains("store");
    }

    private static Map<String, String> properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
