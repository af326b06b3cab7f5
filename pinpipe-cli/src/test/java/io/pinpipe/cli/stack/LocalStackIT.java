package io.pinpipe.cli.stack;

import io.pinpipe.cli.Main;
import io.pinpipe.common.LakeFiles;
import io.pinpipe.common.Settings;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TopicLayout;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole one-machine stack as {@code pinpipe up} runs it (broker, topics, gateway, Connect worker with the lake
 * sink), fed by {@code pinpipe emulate}: every acknowledged record is in Kafka, and the lake's files, named as the
 * Confluent S3 sink names them, hold exactly those records in offset order. A second start on the same folder keeps
 * everything.
 */
class LocalStackIT {

    private static final int DRAWS = 150;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void emulatedPostsLandInKafkaAndTheLakeExactlyOnce() throws Exception {
        Path config = dataDir.resolve("pinpipe.properties");
        Files.writeString(config, String.join("\n", "kafka.port=0", "listeners=http://127.0.0.1:0", "user.id=it",
                "connect.flush.size=50", "connect.rotate.interval.ms=1000", ""));
        System.setProperty("pinpipe.home", Path.of("..").toAbsolutePath().normalize().toString());
        List<String> printed = new ArrayList<>();

        try (LocalStack stack = start(config, printed)) {
            assertThat(printed).anyMatch(line -> line.startsWith("Gateway"))
                    .anyMatch(line -> line.startsWith("Connect"));

            int exitCode = Main.run("--data-dir", dataDir.toString(), "--config", config.toString(), "emulate",
                    "--gateway", stack.gatewayUri().toString(), "--count", String.valueOf(DRAWS), "--seed", "100",
                    "--concurrency", "8");
            assertThat(exitCode).isZero();

            for (SourceTable table : SourceTable.values()) {
                String topic = stack.topics().batch(table);
                List<String> inKafka = readTopic(stack.bootstrapServers(), topic);
                assertThat(inKafka).as("records of %s in Kafka", topic).hasSize(DRAWS);
                awaitTrue(Duration.ofSeconds(60), () -> lakeLines(topic).size() >= DRAWS);
                assertThat(lakeLines(topic)).as("the lake holds %s exactly once, in offset order", topic)
                        .containsExactlyElementsOf(inKafka);
                assertThat(lakeFiles(topic)).first().extracting(file -> file.getFileName().toString())
                        .isEqualTo(topic + "+0+0000000000.json");
            }
        }

        try (LocalStack again = start(config, new ArrayList<>())) {
            assertThat(readTopic(again.bootstrapServers(), again.topics().batch(SourceTable.PIN))).hasSize(DRAWS);
        }
    }

    private LocalStack start(Path config, List<String> printed) {
        Settings settings = Settings.load(config, Map.of(), StackSettings.ALL);
        return LocalStack.start(dataDir, Optional.of(config), settings, printed::add);
    }

    private List<Path> lakeFiles(String topic) {
        return LakeFiles.of(dataDir.resolve("lake"), TopicLayout.defaults(), topic, 0);
    }

    private List<String> lakeLines(String topic) {
        return LakeFiles.lines(lakeFiles(topic));
    }

    private static List<String> readTopic(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
            return values;
        }
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }
}
