package io.pinpipe.spark.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.Transaction;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.DataFileStatus;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.StreamRecordJson;
import io.pinpipe.common.Topics;
import io.pinpipe.spark.TestSpark;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The streaming job's writer on real Delta tables, micro-batch by micro-batch, without Kafka: Spark writes the
 * files, Kernel commits them, Delta's Spark reader reads them. One row per {@code ind} however often a key comes,
 * a replayed micro-batch appends nothing, a lost checkpoint (a new query id) duplicates nothing, another writer's
 * commits are taken into account, Kernel's checkpoints are readable by Spark, and a commit that Kernel rebased over
 * another writer's fails the job.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MicroBatchWriterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Topics TOPICS = new Topics("it");
    private static final StructType KAFKA = new StructType()
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("value", DataTypes.BinaryType);

    /** A record that fails the checks, at the same offset whenever the topics are read again. */
    private static final Row BAD_PIN = RowFactory.create(TOPICS.streaming(SourceTable.PIN), 0, 1_000_000L,
            "this is not json".getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path folder;
    private static SparkSession spark;
    private static StreamJob job;
    private static MicroBatchWriter firstQuery;
    private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();
    private static long offset;

    @BeforeAll
    static void start() {
        spark = TestSpark.start();
        job = job();
        firstQuery = job.writer();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    @Order(1)
    void appendsOneRowPerKeyAndQuarantinesWhatFailsTheChecks() throws Exception {
        write(firstQuery, "query-1", 0, records(SourceTable.PIN, 1, 2, 2, 3),
                records(SourceTable.GEO, 1, 2), records(SourceTable.USER, 1),
                List.of(BAD_PIN));

        assertThat(keys("pin")).containsExactly(1, 2, 3);
        assertThat(keys("geo")).containsExactly(1, 2);
        assertThat(keys("user")).containsExactly(1);
        assertThat(spark.read().format("delta").load(table("quarantine")).select("record").as(
                Encoders.STRING()).collectAsList()).containsExactly("this is not json");
        assertThat(job.totals().total()).isEqualTo(new BatchCounts(8, 1, 6));

        JsonNode commit = lastCommit("pin");
        assertThat(commit.path("txn").path("appId").asText()).isEqualTo("pinpipe-stream-query-1");
        assertThat(commit.path("txn").path("version").asLong()).isZero();
        JsonNode stats = JSON.readTree(commit.path("add").path("stats").asText());
        assertThat(stats.path("numRecords").asLong()).isEqualTo(3);
        assertThat(stats.path("minValues").path("ind").asInt()).isEqualTo(1);
        assertThat(stats.path("maxValues").path("ind").asInt()).isEqualTo(3);
    }

    @Test
    @Order(2)
    void aReplayedMicroBatchAppendsNothing() throws Exception {
        long version = lastVersion("pin");
        write(firstQuery, "query-1", 0, records(SourceTable.PIN, 1, 2, 2, 3, 4));

        assertThat(keys("pin")).containsExactly(1, 2, 3);
        assertThat(lastVersion("pin")).isEqualTo(version);
    }

    @Test
    @Order(3)
    void keysTheTableHoldsAreNotAppendedAgain() {
        write(firstQuery, "query-1", 1, records(SourceTable.PIN, 3, 4, 5), records(SourceTable.GEO, 2, 3));

        assertThat(keys("pin")).containsExactly(1, 2, 3, 4, 5);
        assertThat(keys("geo")).containsExactly(1, 2, 3);
    }

    @Test
    @Order(4)
    void aLostCheckpointDuplicatesNothing() {
        // A new checkpoint is a new query: its micro-batch ids start at 0 again, and the topics are read again.
        MicroBatchWriter secondQuery = job().writer();
        write(secondQuery, "query-2", 0, records(SourceTable.PIN, 1, 2, 3, 4, 5, 6), List.of(BAD_PIN));

        assertThat(keys("pin")).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(spark.read().format("delta").load(table("quarantine")).count()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void anotherWritersRowsAreTakenIntoAccount() {
        // The first query has not seen key 6, which the second query stored.
        write(firstQuery, "query-1", 2, records(SourceTable.PIN, 6, 7));

        assertThat(keys("pin")).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    @Order(6)
    void sparksDeltaReaderReadsKernelsCheckpoints() throws IOException {
        for (int batch = 3; batch < 15; batch++) {
            write(firstQuery, "query-1", batch, records(SourceTable.USER, 100 + batch));
        }

        try (Stream<Path> log = Files.list(Path.of(table("user"), "_delta_log"))) {
            assertThat(log.map(file -> file.getFileName().toString()))
                    .anyMatch(name -> name.endsWith(".checkpoint.parquet"));
        }
        assertThat(keys("user")).containsExactlyElementsOf(
                IntStream.concat(IntStream.of(1), IntStream.range(103, 115)).boxed().toList());
    }

    @Test
    @Order(7)
    void aCommitRebasedOverAnotherWritersFailsTheJob() throws IOException {
        Engine kernel = DefaultEngine.create(spark.sparkContext().hadoopConfiguration());
        KernelAppender mine = new KernelAppender(kernel, table("geo"), "mine");
        KernelAppender other = new KernelAppender(kernel, table("geo"), "other");
        Transaction mineReadsTheTable = mine.begin(0).orElseThrow();
        long before = lastVersion("geo");

        other.commit(other.begin(0).orElseThrow(), copyOfARow("geo", "other"));

        assertThatThrownBy(() -> mine.commit(mineReadsTheTable, copyOfARow("geo", "mine")))
                .isInstanceOf(KernelAppender.ConcurrentWriterException.class)
                .hasMessageContaining("another writer committed to")
                .hasMessageContaining("read version " + before + ", committed as version " + (before + 2));
    }

    /** A Parquet file in the table's folder holding one of its rows, ready to commit. */
    private static List<DataFileStatus> copyOfARow(String name, String writer) {
        String folder = table(name) + "/test-" + writer;
        spark.read().format("delta").load(table(name)).limit(1).coalesce(1).write().parquet(folder);
        return WrittenFiles.in(folder, StoredKeys.KEY, spark.sparkContext().hadoopConfiguration());
    }

    private static StreamJob job() {
        StreamOptions options = StreamOptions.parse("--warehouse", folder.resolve("tables").toString(),
                "--checkpoint", folder.resolve("checkpoint").toString(), "--user-id", "it");
        return new StreamJob(spark, options, new PrintStream(OUT, true, StandardCharsets.UTF_8));
    }

    /** Runs one micro-batch as Spark's query thread would: with the query's id among the thread's properties. */
    @SafeVarargs
    private static void write(MicroBatchWriter writer, String queryId, long batchId, List<Row>... topics) {
        List<Row> rows = new ArrayList<>();
        for (List<Row> topic : topics) {
            rows.addAll(topic);
        }
        spark.sparkContext().setLocalProperty("sql.streaming.queryId", queryId);
        try {
            writer.call(spark.createDataFrame(rows, KAFKA), batchId);
        } finally {
            spark.sparkContext().setLocalProperty("sql.streaming.queryId", null);
        }
    }

    private static List<Row> records(SourceTable table, int... inds) {
        return IntStream.of(inds).mapToObj(ind -> record(TOPICS.streaming(table), StreamRecordJson.of(table, ind)))
                .toList();
    }

    private static Row record(String topic, String value) {
        return RowFactory.create(topic, 0, offset++, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String table(String name) {
        return folder.resolve("tables").resolve(name).toString();
    }

    /** The table's keys in order, as Delta's Spark reader sees them (duplicates would show twice). */
    private static List<Integer> keys(String name) {
        return spark.read().format("delta").load(table(name)).select(col("ind")).orderBy("ind")
                .as(Encoders.INT()).collectAsList();
    }

    private static long lastVersion(String name) throws IOException {
        try (Stream<Path> log = Files.list(Path.of(table(name), "_delta_log"))) {
            return log.map(file -> file.getFileName().toString()).filter(file -> file.matches("\\d{20}\\.json"))
                    .mapToLong(file -> Long.parseLong(file.substring(0, 20))).max().orElseThrow();
        }
    }

    /** The actions of the table's last commit, by kind ({@code txn}, {@code add}, ...; one of each here). */
    private static JsonNode lastCommit(String name) throws IOException {
        Path commit = Path.of(table(name), "_delta_log", String.format("%020d.json", lastVersion(name)));
        var actions = JSON.createObjectNode();
        for (String line : Files.readAllLines(commit, StandardCharsets.UTF_8)) {
            JSON.readTree(line).fields().forEachRemaining(action -> actions.set(action.getKey(), action.getValue()));
        }
        return actions;
    }
}
