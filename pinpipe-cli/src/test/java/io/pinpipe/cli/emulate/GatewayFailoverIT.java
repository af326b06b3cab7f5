package io.pinpipe.cli.emulate;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.broker.LocalKafka;
import io.pinpipe.cli.CliProcess;
import io.pinpipe.cli.CliRun;
import io.pinpipe.common.Await;
import io.pinpipe.common.JsonCodec;
import io.pinpipe.common.JsonTree;
import io.pinpipe.common.Settings;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.Topics;
import io.pinpipe.emulator.post.CourseDraws;
import io.pinpipe.emulator.source.KeyRange;
import io.pinpipe.emulator.source.SourceReader;
import io.pinpipe.emulator.source.SourceSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's gateway fault: two {@code pinpipe gateway} processes over one broker, {@code pinpipe emulate} spreading
 * its requests over both, and one gateway {@code kill -9}'d mid-run. The emulator finishes and reports its
 * failovers; nothing is re-sent across gateways, so no record is in Kafka more often than it was drawn; every
 * record missing from Kafka is one the emulator counted in doubt (sent to the killed gateway, answer lost), and
 * Kafka holds at least every record it counted acknowledged. Records are matched by content against the draws,
 * which repeat rows: counts are compared per distinct record.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class GatewayFailoverIT {

    private static final int DRAWS = 300;
    private static final Topics TOPICS = new Topics("failover");
    private static final Pattern LISTENING = Pattern.compile("pinpipe gateway listening on (\\S+)");
    /** A count as the summary prints it: {@code 7}, {@code 1,200}. */
    private static final String COUNT = "(\\d{1,3}(?:,\\d{3})*)";
    private static final Pattern TOTALS = Pattern.compile("records sent " + COUNT + ", acknowledged " + COUNT
            + ", retried " + COUNT + ", failed " + COUNT + "(?:, in doubt " + COUNT + ")?");
    private static final Pattern FAILOVERS = Pattern.compile("failovers " + COUNT);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void aGatewayKilledMidRunIsFailedOverAndNoRecordIsWrittenTwice() throws Exception {
        CliRun load = CliRun.of("--data-dir", dataDir.toString(), "dataset", "load", "--generate", "--rows", "2000");
        assertThat(load.exitCode()).as(load.out() + load.err()).isZero();
        try (LocalKafka kafka = LocalKafka.inFolder(dataDir.resolve("kafka")).start()) {
            createTopics(kafka.bootstrapServers());
            CliProcess doomed = startGateway(kafka, "doomed");
            CliProcess survivor = startGateway(kafka, "survivor");
            try {
                URI doomedUri = listeningUri(doomed);
                URI survivorUri = listeningUri(survivor);
                CompletableFuture<CliRun> emulate = CompletableFuture.supplyAsync(() -> CliRun.of("--data-dir",
                        dataDir.toString(), "emulate", "--user-id", TOPICS.userId(), "--gateway",
                        doomedUri + "," + survivorUri, "--count", String.valueOf(DRAWS), "--rows-range", "source",
                        "--rate", "80", "--concurrency", "8"));

                assertThat(Await.until(Duration.ofSeconds(60), () -> recordsIn(kafka.bootstrapServers()) >= DRAWS))
                        .as("records arrive through both gateways before the kill").isTrue();
                doomed.kill();
                CliRun run = emulate.get(2, TimeUnit.MINUTES);

                String printed = run.out() + run.err();
                System.out.println(printed);
                Matcher totals = TOTALS.matcher(run.out());
                assertThat(totals.find()).as(printed).isTrue();
                long sent = number(totals.group(1));
                long acknowledged = number(totals.group(2));
                long inDoubt = totals.group(5) == null ? 0 : number(totals.group(5));
                assertThat(number(totals.group(4))).as("records failed: %s", printed).isZero();
                assertThat(acknowledged + inDoubt).as("every record acknowledged or in doubt: %s", printed)
                        .isEqualTo(sent);
                assertThat(run.exitCode()).as("exit code 1 exactly when records are in doubt: %s", printed)
                        .isEqualTo(inDoubt > 0 ? 1 : 0);
                Matcher failovers = FAILOVERS.matcher(run.out());
                assertThat(failovers.find()).as(printed).isTrue();
                assertThat(number(failovers.group(1))).as("requests failed over to the survivor: %s", printed)
                        .isPositive();
                assertThat(run.out()).contains("gateway " + doomedUri + ": ", "gateway " + survivorUri + ": ");

                Map<JsonNode, Long> drawn = drawnRecords();
                Map<JsonNode, Long> inKafka = kafkaRecords(kafka.bootstrapServers());
                assertThat(total(drawn)).as("records the emulator sent").isEqualTo(sent);
                inKafka.forEach((record, copies) -> assertThat(copies)
                        .as("copies in Kafka of %s, never more than drawn", record)
                        .isLessThanOrEqualTo(drawn.getOrDefault(record, 0L)));
                long missing = drawn.entrySet().stream()
                        .mapToLong(entry -> entry.getValue() - inKafka.getOrDefault(entry.getKey(), 0L)).sum();
                assertThat(missing).as("records missing from Kafka: only ones in doubt").isLessThanOrEqualTo(inDoubt);
                assertThat(total(inKafka)).as("records in Kafka").isGreaterThanOrEqualTo(acknowledged);
            } finally {
                doomed.killIfAlive();
                survivor.killIfAlive();
            }
        }
    }

    private CliProcess startGateway(LocalKafka kafka, String name) throws IOException {
        return CliProcess.start(dataDir.resolve(name + ".log"), "--data-dir", dataDir.resolve(name).toString(),
                "gateway", "--listeners", "http://127.0.0.1:0", "--bootstrap-servers", kafka.bootstrapServers());
    }

    private static URI listeningUri(CliProcess gateway) throws InterruptedException {
        assertThat(gateway.awaitLog("pinpipe gateway listening on ", 90_000)).as(gateway.log()).isTrue();
        Matcher matcher = LISTENING.matcher(gateway.log());
        assertThat(matcher.find()).isTrue();
        return URI.create(matcher.group(1));
    }

    private static void createTopics(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(TOPICS.batchTopics().stream().map(topic -> new NewTopic(topic, 1, (short) 1))
                    .toList()).all().get(60, TimeUnit.SECONDS);
        }
    }

    /** What the emulator drew: seed 100 over the source's key range, each table's row as its JSON value. */
    private Map<JsonNode, Long> drawnRecords() throws IOException {
        Map<JsonNode, Long> records = new HashMap<>();
        try (SourceReader source = new SourceReader(SourceSettings.database(Settings.empty(), dataDir, null))) {
            KeyRange range = source.keyRange(SourceTable.GEO);
            CourseDraws draws = new CourseDraws(CourseDraws.COURSE_SEED, range.min(), range.max());
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
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(System.nanoTime()).as("Kafka read back in time").isLessThan(deadline);
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    records.merge(JsonTree.parse(record.value()), 1L, Long::sum);
                }
            }
        }
        return records;
    }

    private static long recordsIn(String bootstrapServers) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers)) {
            return consumer.endOffsets(partitions()).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static List<TopicPartition> partitions() {
        return TOPICS.batchTopics().stream().map(topic -> new TopicPartition(topic, 0)).toList();
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new StringDeserializer());
    }

    private static long total(Map<JsonNode, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }
}
