package io.pinpipe.spark.stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamOptionsTest {

    @Test
    void onlyTheWarehouseIsRequiredAndTheCheckpointSitsBesideIt() {
        StreamOptions options = StreamOptions.parse("--warehouse", "/data/stream-warehouse/");

        assertThat(options.warehouse()).isEqualTo("/data/stream-warehouse");
        assertThat(options.checkpoint()).isEqualTo("/data/checkpoints/stream");
        assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(options.topics().streamingTopics())
                .containsExactly("streaming-pinpipe-pin", "streaming-pinpipe-geo", "streaming-pinpipe-user");
        assertThat(options.trigger()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.availableNow()).isFalse();
        assertThat(options.maxRecordsPerBatch()).isZero();
    }

    @Test
    void everyOptionIsReadInBothFlagForms() {
        StreamOptions options = StreamOptions.parse("--warehouse=s3a://bucket/tables", "--checkpoint", "/cp",
                "--bootstrap-servers", "b1:9092,b2:9092", "--user-id", "12c0d092d679", "--trigger-interval", "500ms",
                "--available-now", "true", "--max-records-per-batch", "5000", "--extended-placeholders", "true");

        assertThat(options.warehouse()).isEqualTo("s3a://bucket/tables");
        assertThat(options.checkpoint()).isEqualTo("/cp");
        assertThat(options.bootstrapServers()).isEqualTo("b1:9092,b2:9092");
        assertThat(options.topics().streaming(io.pinpipe.common.SourceTable.GEO))
                .isEqualTo("streaming-12c0d092d679-geo");
        assertThat(options.trigger()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.availableNow()).isTrue();
        assertThat(options.maxRecordsPerBatch()).isEqualTo(5000);
        assertThat(options.extendedPlaceholders()).isTrue();
    }

    @Test
    void aCheckpointBesideABucketRootStaysInTheBucket() {
        assertThat(StreamOptions.parse("--warehouse", "s3a://bucket").checkpoint())
                .isEqualTo("s3a://bucket/checkpoints/stream");
    }

    @Test
    void theTriggerIntervalIsReadInTheUsualDurationForms() {
        assertThat(StreamOptions.parse("--warehouse", "w", "--trigger-interval", "250ms").trigger())
                .isEqualTo(Duration.ofMillis(250));
        assertThat(StreamOptions.parse("--warehouse", "w", "--trigger-interval", "PT3S").trigger())
                .isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> StreamOptions.parse("--warehouse", "w", "--trigger-interval", "0s"))
                .hasMessageContaining("trigger.interval");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> StreamOptions.parse()).hasMessageContaining("--warehouse is required");
        assertThatThrownBy(() -> StreamOptions.parse("--warehouse", "w", "--trigger-interval", "soon"))
                .hasMessageContaining("trigger.interval");
        assertThatThrownBy(() -> StreamOptions.parse("--warehouse", "w", "--trigger-interval", "0s"))
                .hasMessageContaining("trigger.interval");
        assertThatThrownBy(() -> StreamOptions.parse("--warehouse", "w", "--available-now", "yes"))
                .hasMessageContaining("available.now");
        assertThatThrownBy(() -> StreamOptions.parse("--warehouse", "w", "--max-records-per-batch", "-1"))
                .hasMessageContaining("max.records.per.batch");
        assertThatThrownBy(() -> StreamOptions.parse("--warehouse", "w", "--lake", "x"))
                .hasMessageContaining("unknown option '--lake'");
        assertThatThrownBy(() -> StreamOptions.parse("--warehouse")).hasMessageContaining("needs a value");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        String usage = StreamOptions.usage();
        StreamOptions.KEYS.forEach(key -> assertThat(usage).contains(StreamOptions.flag(key)));
        assertThat(usage).contains("Default: 1s.");
    }

    @Test
    void lagSumsThePartitionOffsetsOfEveryTopic() {
        assertThat(LagReporter.offsetSum("{\"a\":{\"0\":12,\"1\":7},\"b\":{\"0\":1}}")).isEqualTo(20);
        assertThat(LagReporter.offsetSum(null)).isZero();
    }

    @Test
    void aKafkaClientFileReachesTheSourceAsKafkaOptionsAndNeverPrintsItsValues(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("msk.properties");
        Files.writeString(file, String.join("\n", "# MSK with IAM", "security.protocol=SASL_SSL",
                "sasl.mechanism=AWS_MSK_IAM", "sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required;",
                "kafka.ssl.truststore.password = s3cret"));

        StreamOptions options = StreamOptions.parse("--warehouse", "w", "--kafka-config", file.toString());

        assertThat(options.kafka().sourceOptions()).containsExactly(
                Map.entry("kafka.sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;"),
                Map.entry("kafka.sasl.mechanism", "AWS_MSK_IAM"),
                Map.entry("kafka.security.protocol", "SASL_SSL"),
                Map.entry("kafka.ssl.truststore.password", "s3cret"));
        assertThat(options.toString()).doesNotContain("s3cret", "IAMLoginModule").contains("sasl.mechanism");
        assertThat(StreamOptions.parse("--warehouse", "w").kafka().sourceOptions()).isEmpty();
    }

    @Test
    void aKafkaClientFileThatCannotServeIsRefusedByName(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> StreamOptions.parse("--warehouse", "w", "--kafka-config",
                dir.resolve("absent.properties").toString())).hasMessageContaining("absent.properties")
                .hasMessageContaining("does not exist");
        Path servers = Files.writeString(dir.resolve("servers.properties"), "bootstrap.servers=b:9092\n");
        assertThatThrownBy(() -> StreamOptions.parse("--warehouse", "w", "--kafka-config", servers.toString()))
                .hasMessageContaining("bootstrap.servers belongs in --bootstrap-servers");
        Path managed = Files.writeString(dir.resolve("managed.properties"), "enable.auto.commit=true\n");
        assertThatThrownBy(() -> StreamOptions.parse("--warehouse", "w", "--kafka-config", managed.toString()))
                .hasMessageContaining("enable.auto.commit is managed by Spark");
    }

    @Test
    void theDeployExampleForMskIamGivesTheSourceTheFourSaslSettingsWhoseClassesAreOnTheJobsClassPath()
            throws ClassNotFoundException {
        Path example = Path.of("").toAbsolutePath().getParent().resolve("deploy/stream/kafka-msk-iam.properties");

        assertThat(KafkaClientConfig.read(example).sourceOptions()).containsOnly(
                Map.entry("kafka.security.protocol", "SASL_SSL"),
                Map.entry("kafka.sasl.mechanism", "AWS_MSK_IAM"),
                Map.entry("kafka.sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;"),
                Map.entry("kafka.sasl.client.callback.handler.class",
                        "software.amazon.msk.auth.iam.IAMClientCallbackHandler"));
        Class.forName("software.amazon.msk.auth.iam.IAMLoginModule");
        Class.forName("software.amazon.msk.auth.iam.IAMClientCallbackHandler");
    }
}
