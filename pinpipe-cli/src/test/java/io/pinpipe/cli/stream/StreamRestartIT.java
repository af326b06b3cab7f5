package io.pinpipe.cli.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.broker.LocalKafka;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TestData;
import io.pinpipe.common.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once across crashes: the real sample (with repeats and malformed values) streams into the streaming
 * topics of a real broker while the job runs as a child process that is killed with SIGKILL at random points and
 * restarted; at the end the stream tables equal the published cleaned rows exactly, one row per {@code ind}, and
 * the quarantine holds each malformed record once.
 */
class StreamRestartIT {

    private static final Topics TOPICS = new Topics("restart");
    private static final String MAIN = StreamCommand.MAIN_CLASS;
    private static final int KILLS = 3;
    private static final int PARTITIONS = 2;
    private static final int CHUNK = 500;
    private static final long CHUNK_PAUSE_MS = 400;
    /** Every n-th line is sent again at the end, so copies of an ind land in different micro-batches. */
    private static final int REPEAT_EVERY = 7;
    /** The job's line after a micro-batch's writes, before its commit. */
    private static final String WRITTEN = "[stream] batch ";
    private static final int KILL_WINDOW_MS = 3_000;

    private static final Map<SourceTable, List<String>> BAD = Map.of(
            SourceTable.PIN, List.of("{\"index\": \"seven\", \"unique_id\": \"x\"}", "this is not json",
                    "{\"index\": 99999, \"unique_id\": \"u\", \"follower_count\": \"12kk\", \"category\": \"art\"}"),
            SourceTable.GEO, List.of("{\"ind\": 99998, \"timestamp\": \"yesterday\", \"latitude\": 1.0,"
                    + " \"longitude\": 2.0, \"country\": \"Albania\"}", "{\"country\": \"Nowhere\"}"),
            SourceTable.USER, List.of("{\"ind\": 99997, \"first_name\": \"A\", \"last_name\": \"B\", \"age\": 30,"
                    + " \"date_joined\": \"2020-13-45 00:00:00\"}", "{\"ind\": 5, \"first_name\": \"Ada\""));

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path root;

    @Test
    void killedAndRestartedJobLeavesExactlyTheCleanRowsAndEachBadRecordOnce() throws Exception {
        Path sample = TestData.realSample();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path warehouse = root.resolve("stream-warehouse");
        List<String> options = new ArrayList<>();
        StringBuilder logs = new StringBuilder("seed " + seed + "\n");
        try (LocalKafka kafka = LocalKafka.inFolder(root.resolve("kafka")).start();
             KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
            createTopics(kafka.bootstrapServers());
            options.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers(), "--user-id", TOPICS.userId(),
                    "--warehouse", warehouse.toString(), "--checkpoint", root.resolve("checkpoints/stream").toString(),
                    "--trigger-interval", "500ms"));
            List<List<ProducerRecord<byte[], byte[]>>> slices = slices(records(sample, random), KILLS + 1);
            for (int run = 1; run <= KILLS; run++) {
                StreamJobProcess job = StreamJobProcess.start(root.resolve("run-" + run + ".log"), MAIN, options);
                // Records keep arriving while the job runs and dies.
                List<ProducerRecord<byte[], byte[]>> slice = slices.get(run - 1);
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread sender = new Thread(() -> sendPaced(producer, slice, failure), "sample-producer");
                sender.start();
                // The batch line comes after the micro-batch's writes and before Spark commits its offsets: a kill
                // soon after it often forces a replay of written records; a later one lands inside the next batch.
                assertThat(job.awaitLog(WRITTEN, 300_000)).as(job.log()).isTrue();
                Thread.sleep(random.nextInt(KILL_WINDOW_MS));
                job.kill();
                logs.append("run ").append(run).append(" killed:\n").append(job.log());
                sender.join(TimeUnit.MINUTES.toMillis(3));
                assertThat(failure.get()).isNull();
            }
            slices.get(KILLS).forEach(producer::send);
            producer.flush();

            List<String> drain = new ArrayList<>(options);
            drain.addAll(List.of("--available-now", "true"));
            StreamJobProcess last = StreamJobProcess.start(root.resolve("run-last.log"), MAIN, drain);
            assertThat(last.await(600)).as(logs + last.log()).isZero();
            logs.append(last.log());
        }

        Path export = root.resolve("export");
        StreamJobProcess dump = StreamJobProcess.start(root.resolve("export.log"), StreamJobProcess.EXPORT_CLASS,
                List.of("--warehouse", warehouse.toString(), "--out", export.toString()));
        assertThat(dump.await(180)).as(dump.log()).isZero();
        assertMatchesPublished(sample, SourceTable.PIN, export, "pin.jsonl", 8, logs);
        assertMatchesPublished(sample, SourceTable.GEO, export, "geo.jsonl", 0, logs);
        assertMatchesPublished(sample, SourceTable.USER, export, "user.jsonl", 0, logs);

        List<JsonNode> quarantine = RealSample.rows(export.resolve("quarantine.jsonl"));
        Set<String> records = new HashSet<>();
        for (JsonNode row : quarantine) {
            assertThat(row.path("reason").asText()).as("reason").isNotBlank();
            records.add(row.get("topic").asText() + "|" + row.get("record").asText());
        }
        Set<String> expected = new HashSet<>();
        BAD.forEach((table, lines) -> lines.forEach(line -> expected.add(TOPICS.streaming(table) + "|" + line)));
        assertThat(quarantine).as(logs.toString()).hasSize(expected.size());
        assertThat(records).isEqualTo(expected);
    }

    private static void createTopics(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(TOPICS.streamingTopics().stream()
                    .map(topic -> new NewTopic(topic, PARTITIONS, (short) 1)).toList()).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Every sample line of the three tables, interleaved, with repeats and the bad records. */
    private static List<ProducerRecord<byte[], byte[]>> records(Path sample, Random random) {
        Map<SourceTable, List<String>> lines = new HashMap<>();
        int longest = 0;
        for (SourceTable table : SourceTable.values()) {
            List<String> all = new ArrayList<>(RealSample.lines(sample, table));
            int original = all.size();
            for (int i = 0; i < original; i += REPEAT_EVERY) {
                all.add(all.get(i));
            }
            all.addAll(original / 2, BAD.get(table));
            lines.put(table, all);
            longest = Math.max(longest, all.size());
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < longest; i++) {
            for (SourceTable table : SourceTable.values()) {
                List<String> all = lines.get(table);
                if (i < all.size()) {
                    // Random keys: copies of one ind may land in different partitions.
                    byte[] key = Integer.toString(random.nextInt(1000)).getBytes(StandardCharsets.UTF_8);
                    records.add(new ProducerRecord<>(TOPICS.streaming(table), key,
                            all.get(i).getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return records;
    }

    private static <T> List<List<T>> slices(List<T> all, int count) {
        List<List<T>> slices = new ArrayList<>();
        int size = (all.size() + count - 1) / count;
        for (int start = 0; start < all.size(); start += size) {
            slices.add(all.subList(start, Math.min(all.size(), start + size)));
        }
        return slices;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static void sendPaced(KafkaProducer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records,
                                  AtomicReference<Throwable> failure) {
        try {
            for (int start = 0; start < records.size(); start += CHUNK) {
                records.subList(start, Math.min(records.size(), start + CHUNK)).forEach(producer::send);
                producer.flush();
                Thread.sleep(CHUNK_PAUSE_MS);
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    /**
     * The table holds one row per distinct sample {@code ind}, and every published cleaned row equals its stored
     * row, except {@code extendedOnly} pins that the publisher cleaned with the extended placeholder list.
     */
    private static void assertMatchesPublished(Path sample, SourceTable table, Path export, String published,
                                               int extendedOnly, CharSequence logs) {
        Set<Integer> sampleInds = new HashSet<>();
        for (String line : RealSample.lines(sample, table)) {
            sampleInds.add(RealSample.rows(List.of(line)).get(0).get(table.keyColumn()).asInt());
        }
        List<JsonNode> stored = RealSample.rows(export.resolve(table.shortName() + ".jsonl"));
        Map<Integer, JsonNode> byInd = new HashMap<>();
        stored.forEach(row -> byInd.put(row.get("ind").asInt(), row));
        assertThat(stored).as(table + " rows\n" + logs).hasSize(sampleInds.size());
        assertThat(byInd.keySet()).as(table + " inds").isEqualTo(sampleInds);

        Set<String> extended = Set.of("\"No description available\"", "\"Untitled\"", "\"\"");
        List<String> mismatches = new ArrayList<>();
        int alternative = 0;
        for (JsonNode row : RealSample.rows(sample.resolve("cleaned").resolve(published))) {
            List<String> columns = new ArrayList<>();
            row.fieldNames().forEachRemaining(columns::add);
            List<String> want = columns.stream().map(name -> RealSample.canonical(row.get(name))).toList();
            JsonNode storedRow = byInd.get(row.get("ind").asInt());
            List<String> got = storedRow == null ? null
                    : columns.stream().map(name -> RealSample.canonical(storedRow.get(name))).toList();
            if (want.equals(got)) {
                continue;
            }
            List<String> withExtended = got == null ? null
                    : got.stream().map(value -> extended.contains(value) ? "null" : value).toList();
            if (want.equals(withExtended)) {
                alternative++;
                continue;
            }
            mismatches.add("ind " + row.get("ind") + ": want " + want + ", got " + got);
        }
        assertThat(mismatches).as(table + " differences from the published rows").isEmpty();
        assertThat(alternative).as(table + " rows matching only the extended placeholders").isEqualTo(extendedOnly);
    }
}
