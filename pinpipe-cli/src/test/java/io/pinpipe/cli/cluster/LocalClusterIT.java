package io.pinpipe.cli.cluster;

import io.pinpipe.cli.CliRun;
import io.pinpipe.cli.SparkJobHome;
import io.pinpipe.cli.connect.ConnectWorker;
import io.pinpipe.cli.stack.StackSettings;
import io.pinpipe.cli.supervision.Supervisor;
import io.pinpipe.common.Await;
import io.pinpipe.common.LakeFiles;
import io.pinpipe.common.Settings;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TopicLayout;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code pinpipe up --cluster} on loopback, started once for the class (three broker JVMs, two gateways, two
 * distributed Connect workers, a Spark standalone master and two workers): every endpoint answers, records posted through both gateways land in the lake exactly
 * once, and nodes killed with {@code kill -9} under load (a broker, a Connect worker) are restarted while the lake
 * still ends with every record Kafka acknowledged, once, in offset order; the batch job on the Spark standalone cluster answers the eight questions as {@code local[2]}
 * does; closing the cluster stops every node. Each test
 * checks the whole lake, so a record lost or doubled by an earlier fault is caught too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class LocalClusterIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> PRINTED = new CopyOnWriteArrayList<>();
    private static final Pattern ACKNOWLEDGED = Pattern.compile("records sent [0-9,]+, acknowledged ([0-9,]+),");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;
    private static Path config;
    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() throws IOException {
        config = dataDir.resolve("pinpipe.properties");
        Files.writeString(config, String.join("\n", "user.id=it", "connect.flush.size=50",
                "connect.rotate.interval.ms=1000", ""));
        Path home = Path.of("..").toAbsolutePath().normalize();
        System.setProperty("pinpipe.home", home.toString());
        Settings settings = Settings.load(config, Map.of(), StackSettings.ALL);
        // Loaded once here: two emulators starting together would both load it.
        CliRun load = CliRun.of("--data-dir", dataDir.toString(), "--config", config.toString(), "dataset", "load");
        assertThat(load.exitCode()).as(load.err()).isZero();
        cluster = LocalCluster.start(dataDir, Optional.of(config), settings, List.of(0, 0),
                ConnectWorker.Plugin.fromRoot(home), SparkJobHome.get(), PRINTED::add);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void everyEndpointAnswersAndBothGatewaysFeedTheLakeExactlyOnce() throws Exception {
        assertThat(PRINTED).anyMatch(line -> line.startsWith("Kafka") && line.contains("3 KRaft brokers"))
                .anyMatch(line -> line.startsWith("Cost"));
        assertThat(PRINTED.stream().filter(line -> line.startsWith("Gateway"))).hasSize(2);
        assertThat(PRINTED.stream().filter(line -> line.startsWith("Connect "))).hasSize(2);
        for (URI gateway : cluster.gatewayUris()) {
            HttpResponse<String> health = get(gateway + "/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("broker-1", "broker-2", "broker-3", "connect-1", "connect-2");
        }
        for (String worker : cluster.connectUrls()) {
            assertThat(get(worker + "/connectors").body()).contains("pinpipe-lake");
        }

        CompletableFuture<Integer> first = emulate(cluster.gatewayUris().get(0), 100, 1);
        CompletableFuture<Integer> second = emulate(cluster.gatewayUris().get(1), 100, 2);

        int acknowledged = first.get(4, TimeUnit.MINUTES) + second.get(4, TimeUnit.MINUTES);
        assertLakeHoldsKafkaExactlyOnce(acknowledged);
    }

    @Test
    @Order(2)
    void aBrokerKilledUnderLoadIsRestartedAndNoAcknowledgedRecordIsLost() throws Exception {
        int before = recordsInKafka();
        CompletableFuture<Integer> load = emulate(cluster.gatewayUris().get(0), 300, 3);
        Await.until(Duration.ofSeconds(60), () -> recordsInKafka() > before + 90);

        Supervisor<ClusterNode> broker = cluster.brokers().get(1);
        ClusterNode killed = broker.current();
        killed.kill();

        int acknowledged = load.get(4, TimeUnit.MINUTES);
        assertThat(Await.until(Duration.ofSeconds(120), () -> broker.current() != killed
                && PRINTED.stream().anyMatch(line -> line.startsWith("broker-2  restarted: ")))).as("%s", PRINTED)
                .isTrue();
        assertThat(get(cluster.gatewayUris().get(1) + "/health").statusCode()).isEqualTo(200);
        assertLakeHoldsKafkaExactlyOnce(before + acknowledged);
    }

    @Test
    @Order(3)
    void aConnectWorkerKilledMidStreamHandsItsTasksToTheOtherAndTheLakeEndsComplete() throws Exception {
        int before = recordsInKafka();
        CompletableFuture<Integer> load = emulate(cluster.gatewayUris().get(1), 300, 4);
        Await.until(Duration.ofSeconds(60), () -> recordsInKafka() > before + 90);

        cluster.connectWorkers().get(0).current().kill();

        int acknowledged = load.get(4, TimeUnit.MINUTES);
        assertLakeHoldsKafkaExactlyOnce(before + acknowledged);
        assertThat(PRINTED).anyMatch(line -> line.startsWith("connect-1 exited unexpectedly"));
    }

    @Test
    @Order(4)
    void theBatchJobOnTheSparkStandaloneClusterAnswersAsLocalDoes() throws IOException {
        System.setProperty("pinpipe.home", SparkJobHome.get().toString());

        CliRun local = batch("local[2]", "local");
        CliRun standalone = batch(cluster.sparkMasterUrl(), "standalone");

        assertThat(local.exitCode()).as(local.out() + local.err()).isZero();
        assertThat(standalone.exitCode()).as(standalone.out() + standalone.err()).isZero();
        List<Path> answers = csvFiles(dataDir.resolve("results-local"));
        assertThat(answers).as("the eight answers, the third in two files").hasSize(9);
        for (Path answer : answers) {
            assertThat(dataDir.resolve("results-standalone").resolve(answer.getFileName()))
                    .as("%s on the standalone cluster", answer.getFileName()).hasSameTextualContentAs(answer);
        }
        assertThat(PRINTED).anyMatch(line -> line.startsWith("Spark     spark://127.0.0.1:"));
        try (var executors = Files.list(dataDir.resolve("cluster/spark/spark-worker-1-work"))) {
            assertThat(executors.toList()).as("the job ran executors on the standalone workers").isNotEmpty();
        }
    }

    @Test
    @Order(5)
    void closingStopsEveryNodeAndEveryGateway() {
        List<ProcessHandle> nodes = new ArrayList<>();
        cluster.brokers().forEach(broker -> nodes.add(ProcessHandle.of(broker.current().pid()).orElseThrow()));
        cluster.connectWorkers().forEach(worker -> nodes.add(ProcessHandle.of(worker.current().pid()).orElseThrow()));
        cluster.sparkDaemons().forEach(daemon -> nodes.add(ProcessHandle.of(daemon.current().pid()).orElseThrow()));
        List<URI> gateways = cluster.gatewayUris();

        cluster.close();

        assertThat(nodes).noneMatch(ProcessHandle::isAlive);
        for (URI gateway : gateways) {
            assertThatThrownBy(() -> get(gateway + "/health")).isInstanceOf(IOException.class);
        }
    }

    /** {@code pinpipe batch} on the lake with its own warehouse and results, {@code results-<name>}. */
    private static CliRun batch(String master, String name) {
        return CliRun.of("--data-dir", dataDir.toString(), "--config", config.toString(), "batch", "--master", master,
                "--memory", "1g", "--warehouse", dataDir.resolve("warehouse-" + name).toString(), "--results",
                dataDir.resolve("results-" + name).toString());
    }

    private static List<Path> csvFiles(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
    }

    /** Runs {@code pinpipe emulate} against one gateway; completes with the records it says were acknowledged. */
    private static CompletableFuture<Integer> emulate(URI gateway, int draws, int seed) {
        return CompletableFuture.supplyAsync(() -> {
            CliRun run = CliRun.of("--data-dir", dataDir.toString(), "--config", config.toString(), "emulate",
                    "--gateway", gateway.toString(), "--count", String.valueOf(draws), "--rate", "50", "--seed",
                    String.valueOf(seed), "--concurrency", "4", "--attempts", "10");
            assertThat(run.exitCode()).as("every draw through %s acknowledged: %s", gateway, run.err()).isZero();
            Matcher summary = ACKNOWLEDGED.matcher(run.out());
            assertThat(summary.find()).as(run.out()).isTrue();
            return Integer.parseInt(summary.group(1).replace(",", ""));
        });
    }

    /**
     * Every record in Kafka's batch topics is in the lake once, in offset order, and Kafka holds at least the
     * {@code acknowledged} records the emulators were told were taken.
     */
    private static void assertLakeHoldsKafkaExactlyOnce(int acknowledged) throws InterruptedException {
        int inKafka = 0;
        for (SourceTable table : SourceTable.values()) {
            String topic = cluster.topics().batch(table);
            for (int partition = 0; partition < cluster.partitions(); partition++) {
                int number = partition;
                List<String> records = readPartition(topic, partition);
                inKafka += records.size();
                Await.until(Duration.ofSeconds(120), () -> lakeSize(topic, number) >= records.size());
                assertThat(lakeLines(topic, partition))
                        .as("the lake holds %s-%d exactly once, in offset order", topic, partition)
                        .containsExactlyElementsOf(records);
            }
        }
        assertThat(inKafka).as("records in Kafka's batch topics").isGreaterThanOrEqualTo(acknowledged);
    }

    private static int recordsInKafka() {
        int count = 0;
        for (SourceTable table : SourceTable.values()) {
            for (int partition = 0; partition < cluster.partitions(); partition++) {
                count += readPartition(cluster.topics().batch(table), partition).size();
            }
        }
        return count;
    }

    /**
     * Lines in the lake now, or -1 while a file listed is gone before it is read: a new owner of a partition deletes
     * the files after its committed offset, which the old owner wrote, then writes them again.
     */
    private static int lakeSize(String topic, int partition) {
        try {
            return lakeLines(topic, partition).size();
        } catch (UncheckedIOException replacedMeanwhile) {
            return -1;
        }
    }

    private static List<String> lakeLines(String topic, int partition) {
        return LakeFiles.lines(LakeFiles.of(dataDir.resolve("lake"), TopicLayout.defaults(), topic, partition));
    }

    private static List<String> readPartition(String topic, int partitionNumber) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()), new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, partitionNumber);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
            return values;
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
