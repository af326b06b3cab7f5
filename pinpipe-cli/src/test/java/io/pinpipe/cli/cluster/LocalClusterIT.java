package io.pinpipe.cli.cluster;

import io.pinpipe.cli.CliProcess;
import io.pinpipe.cli.CliRun;
import io.pinpipe.cli.SparkJobHome;
import io.pinpipe.cli.connect.ConnectSettings;
import io.pinpipe.cli.connect.ConnectWorker;
import io.pinpipe.cli.pipeline.Answer;
import io.pinpipe.cli.pipeline.ReferenceAnswers;
import io.pinpipe.cli.pipeline.ReferenceCleaning;
import io.pinpipe.cli.pipeline.ReferenceTables;
import io.pinpipe.cli.pipeline.ResultFiles;
import io.pinpipe.cli.stack.StackSettings;
import io.pinpipe.cli.supervision.Supervisor;
import io.pinpipe.common.Await;
import io.pinpipe.common.JsonCodec;
import io.pinpipe.common.JsonTree;
import io.pinpipe.common.LakeFiles;
import io.pinpipe.common.Settings;
import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TopicLayout;
import io.pinpipe.connect.worker.ConnectorStatus;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code pinpipe up --cluster} on loopback, started once for the class (three broker JVMs, two gateways, two
 * distributed Connect workers, a Spark standalone master and two workers): every endpoint answers, records posted
 * through both gateways land in the lake exactly once, and nodes killed with {@code kill -9} under load (a broker, a
 * Connect worker) are restarted while the lake still ends with every record Kafka acknowledged, once, in offset
 * order. Each test checks the whole lake, so a record lost or doubled by an earlier fault is caught too. After the
 * faults, the batch job on the Spark standalone cluster answers the eight questions exactly as {@link ReferenceAnswers}
 * does from the records Kafka holds, and the streaming job on the same cluster leaves one row per clean record
 * ({@link ReferenceCleaning}'s counts; the values are compared on {@code local[2]} by the whole-pipeline test).
 * Closing the cluster stops every node; then {@code pinpipe up --cluster} as
 * a process, resumed on the same folder and {@code kill -9}'d, leaves no process behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class LocalClusterIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> PRINTED = new CopyOnWriteArrayList<>();
    /** A Spark job's driver and executors beside nine JVMs: on a 2-core machine shared with other builds, minutes. */
    private static final long SPARK_JOB_MINUTES = 15;
    /** How long a child of a killed pinpipe may outlive it (issue 14). */
    private static final Duration ORPHAN_LIMIT = Duration.ofSeconds(10);
    private static final Pattern TABLE_COUNT = Pattern.compile(
            "(?m)^(pin|geo|user): ([0-9]+) rows, ([0-9]+) distinct ind$");
    private static final Pattern ACKNOWLEDGED = Pattern.compile("records sent [0-9,]+, acknowledged ([0-9,]+),");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;
    private static Path config;
    private static Settings settings;
    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() throws IOException {
        config = dataDir.resolve("pinpipe.properties");
        Files.writeString(config, String.join("\n", "kafka.port=0", "listeners=http://127.0.0.1:0", "user.id=it",
                "connect.flush.size=50", "connect.rotate.interval.ms=1000", ""));
        Path home = Path.of("..").toAbsolutePath().normalize();
        System.setProperty("pinpipe.home", home.toString());
        settings = Settings.load(config, Map.of(), StackSettings.ALL);
        // Loaded once here: two emulators starting together would both load it.
        CliRun load = CliRun.of("--data-dir", dataDir.toString(), "--config", config.toString(), "dataset", "load");
        assertThat(load.exitCode()).as(load.err()).isZero();
        cluster = LocalCluster.start(dataDir, Optional.of(config), settings, ConnectWorker.Plugin.fromRoot(home),
                SparkJobHome.get(), PRINTED::add);
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

    /**
     * The zombie on the real cluster: the worker running task 0 is paused ({@code SIGSTOP}, as a long GC pause or a
     * frozen VM would) while records arrive, until the other worker's tasks own every partition and have written
     * after the committed offsets; then it goes on ({@code SIGCONT}) with its tasks' stalled writes and buffers, before
     * it learns that it lost them. The sink's fencing must keep whatever it then tries from reaching the lake. (It
     * found a task claiming a partition at its first record, after the pause: docs/lake-sink.md, "The zombie on a
     * real cluster".)
     */
    @Test
    @Order(4)
    void aWorkerPausedUntilTheOtherTookItsPartitionsWritesNothingWhenItGoesOn() throws Exception {
        // The worker killed before may still be restarting: both must run before one is paused.
        assertThat(Await.until(Duration.ofSeconds(120), () -> cluster.connectUrls().stream()
                .allMatch(LocalClusterIT::answers))).as("both Connect workers answer").isTrue();
        int before = recordsInKafka();
        CompletableFuture<Integer> load = emulate(cluster.gatewayUris().get(0), 1500, 7);
        Await.until(Duration.ofSeconds(60), () -> recordsInKafka() > before + 90);
        int pausedWorker = workerRunning(0);
        var paused = cluster.connectWorkers().get(pausedWorker);
        String otherUrl = cluster.connectUrls().get(1 - pausedWorker);
        long pid = paused.current().pid();

        signal("STOP", pid);
        try {
            assertThat(Await.until(Duration.ofSeconds(120), () -> tasksRunOnlyOn(otherUrl)))
                    .as("every task moved to %s while the other worker was paused", otherUrl).isTrue();
            int handedOver = lakeTotal();
            assertThat(Await.until(Duration.ofSeconds(60), () -> lakeTotal() > handedOver))
                    .as("the new owner wrote to the lake").isTrue();
        } finally {
            signal("CONT", pid);
        }

        int acknowledged = load.get(4, TimeUnit.MINUTES);
        assertLakeHoldsKafkaExactlyOnce(before + acknowledged);
        assertThat(paused.current().pid()).as("the paused worker went on: it neither died nor was restarted")
                .isEqualTo(pid);
    }

    @Test
    @Order(5)
    @Timeout(value = SPARK_JOB_MINUTES, unit = TimeUnit.MINUTES)
    void theBatchJobOnTheSparkStandaloneClusterAnswersAsTheReferenceDoesFromWhatKafkaHolds() {
        System.setProperty("pinpipe.home", SparkJobHome.get().toString());

        CliRun standalone = CliRun.of("--data-dir", dataDir.toString(), "--config", config.toString(), "batch",
                "--master", cluster.sparkMasterUrl(), "--memory", "1g");

        assertThat(standalone.exitCode()).as(standalone.out() + standalone.err()).isZero();
        // The lake equals Kafka (checked after every fault above), so Kafka's records are what the job read.
        List<Answer> expected = ReferenceAnswers.of(ReferenceCleaning.tables(recordsInKafka(cluster.topics()::batch)));
        ResultFiles.assertEqual(dataDir.resolve("results"), expected);
        assertThat(PRINTED).anyMatch(line -> line.startsWith("Spark     spark://127.0.0.1:"));
        assertThat(executorsRunOn("spark-worker-1")).as("the job ran executors on the standalone workers")
                .isNotEmpty();
    }

    @Test
    @Order(6)
    @Timeout(value = SPARK_JOB_MINUTES, unit = TimeUnit.MINUTES)
    void theStreamJobOnTheSparkStandaloneClusterLeavesOneRowPerCleanRecord() throws Exception {
        System.setProperty("pinpipe.home", SparkJobHome.get().toString());
        int executorsBefore = executorsRunOn("spark-worker-1").size();
        CompletableFuture<Integer> first = emulate(cluster.gatewayUris().get(0), 60, 5, "--mode", "stream");
        CompletableFuture<Integer> second = emulate(cluster.gatewayUris().get(1), 60, 6, "--mode", "stream");
        assertThat(first.get(4, TimeUnit.MINUTES) + second.get(4, TimeUnit.MINUTES)).isEqualTo(2 * 60 * 3);

        CliRun stream = CliRun.of("--data-dir", dataDir.toString(), "--config", config.toString(), "stream",
                "--available-now", "--bootstrap-servers", cluster.bootstrapServers(), "--master",
                cluster.sparkMasterUrl(), "--memory", "1g");

        assertThat(stream.exitCode()).as(stream.out() + stream.err()).isZero();
        assertThat(executorsRunOn("spark-worker-1")).as("the stream job ran executors on the standalone workers")
                .hasSizeGreaterThan(executorsBefore);
        ReferenceTables clean = ReferenceCleaning.tables(recordsInKafka(cluster.topics()::streaming));
        // The job prints its tables as readers see them after the run: "<table>: <rows> rows, <inds> distinct ind".
        assertThat(tableCounts(stream.out())).as(stream.out()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "pin", clean.pins().size(), "geo", clean.geos().size(), "user", clean.users().size()));
    }

    @Test
    @Order(7)
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

    @Test
    @Order(8)
    void aKilledPinpipeUpClusterLeavesNoProcessBehind() throws Exception {
        CliProcess up = CliProcess.start(dataDir.resolve("up-cluster.log"), "--data-dir", dataDir.toString(),
                "--config", config.toString(), "up", "--cluster");
        try {
            assertThat(up.awaitLog("pinpipe is up", 300_000)).as(up.log()).isTrue();
            List<ProcessHandle> children = up.descendants();
            int nodes = LocalCluster.BROKERS + LocalCluster.CONNECT_WORKERS + 1 + LocalCluster.SPARK_WORKERS;
            assertThat(children).as("every node's JVM").hasSizeGreaterThanOrEqualTo(nodes);

            up.kill();

            assertThat(Await.until(ORPHAN_LIMIT, () -> children.stream().noneMatch(ProcessHandle::isAlive)))
                    .as("the nodes of a SIGKILLed pinpipe up --cluster are gone within %s: %s", ORPHAN_LIMIT,
                            children.stream().filter(ProcessHandle::isAlive).map(LocalClusterIT::describe).toList())
                    .isTrue();
        } finally {
            up.killIfAlive();
        }
    }

    /**
     * Rows per clean table the stream job printed, each checked to hold one row per {@code ind}; the quarantine
     * table, which has no {@code ind}, is left out.
     */
    private static Map<String, Integer> tableCounts(String streamOutput) {
        Map<String, Integer> counts = new HashMap<>();
        Matcher line = TABLE_COUNT.matcher(streamOutput);
        while (line.find()) {
            assertThat(line.group(3)).as("distinct ind of %s", line.group(1)).isEqualTo(line.group(2));
            counts.put(line.group(1), Integer.parseInt(line.group(2)));
        }
        return counts;
    }

    /** The index of the Connect worker that the status topic says runs task {@code task}. */
    private static int workerRunning(int task) throws IOException {
        List<String> urls = cluster.connectUrls();
        String workerId = connectorStatus(urls.get(0)).tasks().stream()
                .filter(status -> status.id() == task).findFirst().orElseThrow().workerId();
        for (int worker = 0; worker < urls.size(); worker++) {
            if (isWorker(urls.get(worker), workerId)) {
                return worker;
            }
        }
        throw new AssertionError("no worker is " + workerId + ": " + urls);
    }

    private static boolean answers(String restUrl) {
        try {
            return get(restUrl + "/connectors").statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether every task of the connector runs, each on the worker at {@code restUrl}. */
    private static boolean tasksRunOnlyOn(String restUrl) {
        try {
            ConnectorStatus status = connectorStatus(restUrl);
            return status.isRunning() && status.tasks().stream().allMatch(task -> isWorker(restUrl, task.workerId()));
        } catch (IOException notAnsweringYet) {
            return false;
        }
    }

    /** Whether a worker's REST URL ({@code http://127.0.0.1:port}) is the status topic's worker id (host:port). */
    private static boolean isWorker(String restUrl, String workerId) {
        return restUrl.endsWith(workerId.substring(workerId.lastIndexOf(':')));
    }

    private static ConnectorStatus connectorStatus(String restUrl) throws IOException {
        try {
            HttpResponse<String> response = get(restUrl + "/connectors/" + settings.get(ConnectSettings.NAME)
                    + "/status");
            return ConnectorStatus.fromJson(JsonTree.parse(response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Sends a signal ({@code STOP}, {@code CONT}) to a process, as {@code kill -<signal>} does. */
    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
    }

    /** Lines in the whole lake now (less while files are being replaced). */
    private static int lakeTotal() {
        int lines = 0;
        for (SourceTable table : SourceTable.values()) {
            for (int partition = 0; partition < cluster.partitions(); partition++) {
                lines += Math.max(0, lakeSize(cluster.topics().batch(table), partition));
            }
        }
        return lines;
    }

    /** The executor folders a Spark worker made, one per application it ran executors for. */
    private static List<Path> executorsRunOn(String worker) {
        try (var applications = Files.list(dataDir.resolve("cluster/spark/" + worker + "-work"))) {
            return applications.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(ProcessHandle process) {
        return process.pid() + " " + process.info().commandLine().orElse("?");
    }

    /**
     * Runs {@code pinpipe emulate} against one gateway, with {@code options} such as {@code --mode stream}; completes
     * with the records it says were acknowledged.
     */
    private static CompletableFuture<Integer> emulate(URI gateway, int draws, int seed, String... options) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--config",
                    config.toString(), "emulate", "--gateway", gateway.toString(), "--count", String.valueOf(draws),
                    "--rate", "50", "--seed", String.valueOf(seed), "--concurrency", "4", "--attempts", "10"));
            args.addAll(List.of(options));
            CliRun run = CliRun.of(args.toArray(String[]::new));
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

    /** Every record of each table's topic (batch or streaming), read back as the source row it carries. */
    private static List<SourceRecord> recordsInKafka(Function<SourceTable, String> topicOf) {
        List<SourceRecord> rows = new ArrayList<>();
        for (SourceTable table : SourceTable.values()) {
            for (int partition = 0; partition < cluster.partitions(); partition++) {
                readPartition(topicOf.apply(table), partition)
                        .forEach(value -> rows.add(JsonCodec.get().read(value, table)));
            }
        }
        return rows;
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
