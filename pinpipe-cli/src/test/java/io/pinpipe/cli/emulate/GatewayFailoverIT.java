package io.pinpipe.cli.emulate;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.broker.LocalKafka;
import io.pinpipe.cli.CliRun;
import io.pinpipe.cli.Main;
import io.pinpipe.common.Await;
import io.pinpipe.common.JsonCodec;
import io.pinpipe.common.JsonTree;
import io.pinpipe.common.Settings;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.Topics;
import io.pinpipe.common.process.ChildProcess;
import io.pinpipe.emulator.post.CourseDraws;
import io.pinpipe.emulator.source.SourceReader;
import io.pinpipe.emulator.source.SourceSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's gateway fault: two {@code pinpipe gateway} JVMs over one broker, {@code pinpipe emulate} spreading its
 * calls over both, and one gateway {@code kill -9}'d mid-run. The emulator must finish with every record
 * acknowledged, say that it failed over, and Kafka must hold every record it was told was taken.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class GatewayFailoverIT {

    private static final int DRAWS = 600;
    private static final Topics TOPICS = new Topics("failover");
    private static final Pattern LISTENING = Pattern.compile("pinpipe gateway listening on (\\S+)");
    private static final Pattern TOTALS = Pattern.compile(
            "records sent ([0-9,]+), acknowledged ([0-9,]+), retried [0-9,]+, failed ([0-9,]+)");
    private static final Pattern FAILOVERS = Pattern.compile(
            "failovers ([0-9,]+); records re-sent after a lost answer ([0-9,]+)");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void aGatewayKilledMidRunIsFailedOverAndNoAcknowledgedRecordIsLost() throws Exception {
        // The source is loaded before the run, so the kill lands while draws are being sent.
        CliRun load = CliRun.of("--data-dir", dataDir.toString(), "dataset", "load");
        assertThat(load.exitCode()).as(load.err()).isZero();
        try (LocalKafka kafka = LocalKafka.inFolder(dataDir.resolve("kafka")).start()) {
            createTopics(kafka.bootstrapServers());
            List<String> printedByDoomed = new CopyOnWriteArrayList<>();
            List<String> printedBySurvivor = new CopyOnWriteArrayList<>();
            try (ChildProcess doomed = startGateway(kafka, "gateway 1", printedByDoomed);
                 ChildProcess survivor = startGateway(kafka, "gateway 2", printedBySurvivor)) {
                URI doomedUri = listeningUri(doomed, printedByDoomed);
                URI survivorUri = listeningUri(survivor, printedBySurvivor);
                CompletableFuture<CliRun> emulate = CompletableFuture.supplyAsync(() -> CliRun.of("--data-dir",
                        dataDir.toString(), "emulate", "--user-id", TOPICS.userId(), "--gateway",
                        doomedUri + "," + survivorUri, "--count", String.valueOf(DRAWS), "--rate", "60",
                        "--concurrency", "8", "--attempts", "10"));

                assertThat(Await.until(Duration.ofSeconds(90), () -> recordsIn(kafka.bootstrapServers()) >= 200))
                        .as("records arrive through both gateways before the kill").isTrue();
                doomed.kill();
                CliRun run = emulate.get(3, TimeUnit.MINUTES);

                assertThat(run.exitCode()).as("every record acknowledged: %s%s", run.out(), run.err()).isZero();
                Matcher totals = TOTALS.matcher(run.out());
                assertThat(totals.find()).as(run.out()).isTrue();
                long acknowledged = number(totals.group(2));
                assertThat(number(totals.group(3))).as("records failed").isZero();
                assertThat(acknowledged).as("records acknowledged").isEqualTo(number(totals.group(1)));
                Matcher failovers = FAILOVERS.matcher(run.out());
                assertThat(failovers.find()).as(run.out()).isTrue();
                assertThat(number(failovers.group(1))).as("calls failed over to the survivor").isPositive();
                assertThat(run.out()).contains("gateway " + doomedUri + ": ", "gateway " + survivorUri + ": ");

                Map<JsonNode, Long> inKafka = kafkaRecords(kafka.bootstrapServers());
                long total = inKafka.values().stream().mapToLong(Long::longValue).sum();
                assertThat(total).as("records in Kafka").isGreaterThanOrEqualTo(acknowledged)
                        .isLessThanOrEqualTo(acknowledged + number(failovers.group(2)));
                Map<JsonNode, Long> sent = drawnRecords();
                assertThat(sent.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(acknowledged);
                sent.forEach((record, times) -> assertThat(inKafka.getOrDefault(record, 0L))
                        .as("copies in Kafka of acknowledged record %s", record).isGreaterThanOrEqualTo(times));
            }
        }
    }

    private static ChildProcess startGateway(LocalKafka kafka, String name, List<String> printed)
            throws IOException {
        List<String> command = ChildProcess.javaCommand(List.of("-Xmx256m"), System.getProperty("java.class.path"),
                Main.class.getName(), List.of("gateway", "--listeners", "http://127.0.0.1:0", "--bootstrap-servers",
                        kafka.bootstrapServers()));
        ChildProcess child = ChildProcess.start(new ProcessBuilder(command).redirectErrorStream(true), name,
                Duration.ofSeconds(10));
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.process().getInputStream(),
                    StandardCharsets.UTF_8))) {
                lines.lines().forEach(printed::add);
            } catch (IOException | UncheckedIOException ended) {
                // The gateway was killed: its output ends here.
            }
        }, name + " output");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    private static URI listeningUri(ChildProcess gateway, List<String> printed) throws InterruptedException {
        assertThat(Await.until(Duration.ofSeconds(60), () -> printed.stream().anyMatch(LISTENING.asPredicate())))
                .as("%s printed its address: %s", gateway.name(), printed).isTrue();
        Matcher matcher = printed.stream().map(LISTENING::matcher).filter(Matcher::find).findFirst().orElseThrow();
        return URI.create(matcher.group(1));
    }

    private static void createTopics(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(TOPICS.batchTopics().stream().map(topic -> new NewTopic(topic, 2, (short) 1))
                    .toList()).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The records the emulator sent: the first {@value #DRAWS} draws of seed 100, each table's row, as JSON. */
    private Map<JsonNode, Long> drawnRecords() throws IOException {
        Map<JsonNode, Long> records = new HashMap<>();
        CourseDraws draws = new CourseDraws(CourseDraws.COURSE_SEED, 0, CourseDraws.COURSE_MAX_ROW);
        try (SourceReader source = new SourceReader(SourceSettings.database(Settings.empty(), dataDir, null))) {
            for (int i = 0; i < DRAWS; i++) {
                SourceReader.DrawnRow row = source.readRow(draws.next());
                for (SourceTable table : SourceTable.values()) {
                    if (row.of(table).isPresent()) {
                        records.merge(JsonTree.parse(JsonCodec.get().toJson(row.of(table).get())), 1L, Long::sum);
                    }
                }
            }
        }
        return records;
    }

    private static Map<JsonNode, Long> kafkaRecords(String bootstrapServers) throws IOException {
        Map<JsonNode, Long> records = new HashMap<>();
        for (ConsumerRecord<String, String> record : readAll(bootstrapServers)) {
            records.merge(JsonTree.parse(record.value()), 1L, Long::sum);
        }
        return records;
    }

    private static long recordsIn(String bootstrapServers) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = partitions(consumer);
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String bootstrapServers) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        return TOPICS.batchTopics().stream().flatMap(topic -> consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))).toList();
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }
}
