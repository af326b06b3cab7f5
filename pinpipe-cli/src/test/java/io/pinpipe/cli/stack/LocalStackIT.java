package io.pinpipe.cli.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpipe.cli.CliProcess;
import io.pinpipe.cli.Main;
import io.pinpipe.cli.connect.ConnectSettings;
import io.pinpipe.common.Await;
import io.pinpipe.common.LakeFiles;
import io.pinpipe.common.Settings;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TopicLayout;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole one-machine stack as {@code pinpipe up} runs it (broker, topics, gateway, Connect worker with the lake
 * sink), fed by {@code pinpipe emulate}: every acknowledged record is in Kafka, and the lake's files, named as the
 * Confluent S3 sink names them, hold exactly those records in offset order. A second start on the same folder keeps
 * everything. A Connect worker killed while records arrive is restarted (the console and {@code /health} say so)
 * and the lake still ends complete, or, when it cannot be restarted, the stack fails loudly; a killed
 * {@code pinpipe up} leaves no child process behind.
 */
class LocalStackIT {

    private static final int DRAWS = 150;
    /** How long a child of a killed pinpipe may outlive it (issue 14). */
    private static final Duration ORPHAN_LIMIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void emulatedPostsLandInKafkaAndTheLakeExactlyOnce() throws Exception {
        Path config = config();
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
                Await.until(Duration.ofSeconds(60), () -> lakeLines(topic).size() >= DRAWS);
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

    /**
     * Issue 13's attack: a keyless HTTP client tries to join the lake sink's own consumer group through the REST
     * Proxy consumer API while records arrive (three partitions, so it would have taken some). It is refused with a
     * 403, and the lake ends with every acknowledged record.
     */
    @Test
    @Timeout(600)
    void aRestConsumerCannotJoinTheLakeSinksGroupAndTheLakeEndsComplete() throws Exception {
        int draws = 300;
        Path config = config();
        Files.writeString(config, "topic.partitions=3\n", java.nio.file.StandardOpenOption.APPEND);
        try (LocalStack stack = start(config, new ArrayList<>())) {
            CompletableFuture<Integer> emulate = CompletableFuture.supplyAsync(() -> Main.run("--data-dir",
                    dataDir.toString(), "--config", config.toString(), "emulate", "--gateway",
                    stack.gatewayUri().toString(), "--count", String.valueOf(draws), "--rate", "100", "--seed", "7",
                    "--concurrency", "8"));
            String sinkGroup = "connect-" + ConnectSettings.NAME.defaultValue();
            String topic = stack.topics().batch(SourceTable.PIN);

            HttpResponse<String> join = post(stack, "/consumers/" + sinkGroup,
                    "{\"name\":\"x\",\"format\":\"json\",\"auto.offset.reset\":\"latest\"}");
            HttpResponse<String> subscribe = post(stack, "/consumers/" + sinkGroup + "/instances/x/subscription",
                    "{\"topics\":[\"" + topic + "\"]}");

            assertThat(join.statusCode()).as(join.body()).isEqualTo(403);
            assertThat(JSON.readTree(join.body()).path("error_code").asInt()).isEqualTo(40304);
            assertThat(subscribe.statusCode()).as("no instance was made: %s", subscribe.body()).isIn(403, 404);
            assertThat(emulate.get(300, TimeUnit.SECONDS)).as("every draw acknowledged").isZero();
            for (SourceTable table : SourceTable.values()) {
                String tableTopic = stack.topics().batch(table);
                List<String> inKafka = new ArrayList<>();
                List<String> inLake = new ArrayList<>();
                for (int partition = 0; partition < 3; partition++) {
                    int number = partition;
                    List<String> inPartition = readTopic(stack.bootstrapServers(), tableTopic, partition);
                    inKafka.addAll(inPartition);
                    Await.until(Duration.ofSeconds(120),
                            () -> lakeLines(tableTopic, number).size() >= inPartition.size());
                    assertThat(lakeLines(tableTopic, partition))
                            .as("the lake holds %s-%d exactly once, in offset order", tableTopic, partition)
                            .containsExactlyElementsOf(inPartition);
                    inLake.addAll(lakeLines(tableTopic, partition));
                }
                assertThat(inKafka).as("records of %s in Kafka", tableTopic).hasSize(draws);
                assertThat(inLake).hasSize(draws);
            }
        }
    }

    private static HttpResponse<String> post(LocalStack stack, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(stack.gatewayUri().resolve(path))
                .header("Content-Type", "application/vnd.kafka.v2+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Timeout(600)
    void aConnectWorkerKilledWhileRecordsArriveComesBackAndTheLakeEndsComplete() throws Exception {
        int draws = 1200;
        Path config = config();
        List<String> printed = new CopyOnWriteArrayList<>();
        try (LocalStack stack = start(config, printed)) {
            assertThat(health(stack)).isEqualTo("UP");
            CompletableFuture<Integer> emulate = CompletableFuture.supplyAsync(() -> Main.run("--data-dir",
                    dataDir.toString(), "--config", config.toString(), "emulate", "--gateway",
                    stack.gatewayUri().toString(), "--count", String.valueOf(draws), "--rate", "100", "--seed", "14",
                    "--concurrency", "8"));
            String pinTopic = stack.topics().batch(SourceTable.PIN);
            assertThat(Await.until(Duration.ofSeconds(60), () -> !lakeLines(pinTopic).isEmpty()))
                    .as("the lake fills").isTrue();
            long killed = stack.connectWorker().orElseThrow().pid();

            ProcessHandle.of(killed).orElseThrow().destroyForcibly();

            assertThat(Await.until(Duration.ofSeconds(10), () -> "RESTARTING".equals(health(stack))))
                    .as("/health reports the worker while it restarts").isTrue();
            assertThat(Await.until(Duration.ofSeconds(240), () -> "UP".equals(health(stack))))
                    .as("the worker came back: %s", printed).isTrue();
            assertThat(printed).anyMatch(line -> line.startsWith("Connect   exited unexpectedly (exit code 137; log "))
                    .anyMatch(line -> line.startsWith("Connect   restarted: "));
            assertThat(stack.connectWorker().orElseThrow().pid()).isNotEqualTo(killed);
            assertThat(emulate.get(120, TimeUnit.SECONDS)).as("every draw acknowledged").isZero();

            for (SourceTable table : SourceTable.values()) {
                String topic = stack.topics().batch(table);
                List<String> inKafka = readTopic(stack.bootstrapServers(), topic);
                assertThat(inKafka).as("records of %s in Kafka", topic).hasSize(draws);
                Await.until(Duration.ofSeconds(120), () -> lakeLines(topic).size() >= draws);
                assertThat(lakeLines(topic)).as("the lake holds %s exactly once, in offset order", topic)
                        .containsExactlyElementsOf(inKafka);
            }
        }
    }

    @Test
    @Timeout(600)
    void aWorkerThatCannotBeRestartedFailsTheStackLoudly() throws Exception {
        Path config = config();
        String home = System.getProperty("pinpipe.home");
        List<String> printed = new CopyOnWriteArrayList<>();
        try (LocalStack stack = start(config, printed)) {
            // Every restart now fails at once: the worker's class path is not where pinpipe.home says.
            System.setProperty("pinpipe.home", dataDir.resolve("no-such-home").toString());

            ProcessHandle.of(stack.connectWorker().orElseThrow().pid()).orElseThrow().destroyForcibly();

            String why = stack.failure().get(180, TimeUnit.SECONDS);
            assertThat(why).startsWith("the Connect worker could not be kept running (5 restarts in a row; last: ")
                    .contains("classpath.txt is missing");
            assertThat(printed).anyMatch(line -> line.startsWith("Connect   restart 5 failed: "));
            assertThat(health(stack)).isEqualTo("DOWN");
        } finally {
            System.setProperty("pinpipe.home", home);
        }
    }

    @Test
    @Timeout(600)
    void aKilledPinpipeUpLeavesNoProcessBehind() throws Exception {
        CliProcess up = CliProcess.start(dataDir.resolve("up.log"), "--data-dir", dataDir.toString(), "--config",
                config().toString(), "up");
        try {
            assertThat(up.awaitLog("pinpipe is up", 300_000)).as(up.log()).isTrue();
            List<ProcessHandle> children = up.descendants();
            assertThat(children).as("the Connect worker").isNotEmpty();

            up.kill();

            assertThat(Await.until(ORPHAN_LIMIT, () -> children.stream().noneMatch(ProcessHandle::isAlive)))
                    .as("the children of a SIGKILLed pinpipe up are gone within %s: %s", ORPHAN_LIMIT, children)
                    .isTrue();
        } finally {
            up.killIfAlive();
        }
    }

    /** The status of the Connect worker on the gateway's {@code /health}. */
    private static String health(LocalStack stack) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(stack.gatewayUri().resolve("/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("components").path("connect").path("status").asText();
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private Path config() throws IOException {
        Path config = dataDir.resolve("pinpipe.properties");
        Files.writeString(config, String.join("\n", "kafka.port=0", "listeners=http://127.0.0.1:0", "user.id=it",
                "connect.flush.size=50", "connect.rotate.interval.ms=1000", ""));
        System.setProperty("pinpipe.home", Path.of("..").toAbsolutePath().normalize().toString());
        return config;
    }

    private LocalStack start(Path config, List<String> printed) {
        Settings settings = Settings.load(config, Map.of(), StackSettings.ALL);
        return LocalStack.start(dataDir, Optional.of(config), settings, printed::add);
    }

    private List<Path> lakeFiles(String topic) {
        return LakeFiles.of(dataDir.resolve("lake"), TopicLayout.defaults(), topic, 0);
    }

    private List<String> lakeLines(String topic) {
        return lakeLines(topic, 0);
    }

    private List<String> lakeLines(String topic, int partition) {
        return LakeFiles.lines(LakeFiles.of(dataDir.resolve("lake"), TopicLayout.defaults(), topic, partition));
    }

    private static List<String> readTopic(String bootstrap, String topic) {
        return readTopic(bootstrap, topic, 0);
    }

    private static List<String> readTopic(String bootstrap, String topic, int partitionNumber) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, partitionNumber);
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
}
