package io.pinpipe.cli.pipeline;

import io.pinpipe.cli.Main;
import io.pinpipe.cli.SparkJobHome;
import io.pinpipe.cli.stack.LocalStack;
import io.pinpipe.cli.stack.StackSettings;
import io.pinpipe.common.Settings;
import io.pinpipe.common.SourceTable;
import io.pinpipe.emulator.post.CourseDraws;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline on real parts, both paths, checked against answers computed without Spark: a generated dataset
 * (with edge cases added) is loaded into the source database; {@code pinpipe emulate} posts drawn rows through the
 * REST Proxy API of the gateway into Kafka, the Connect worker's lake sink lands them, {@code pinpipe batch} (Spark in
 * a child JVM) cleans them into Delta tables and answers the eight questions; {@code pinpipe emulate --mode stream}
 * posts the same draws through the streams API and {@code pinpipe stream --available-now} cleans them into the stream
 * tables. Every result file must equal {@link ReferenceAnswers}, and every row of both sets of Delta tables
 * {@link ReferenceCleaning}'s, computed from the source rows of the drawn ids.
 */
class WholePipelineIT {

    /** Rows of the generated dataset, and draws: enough for ties, every age group and repeated draws. */
    private static final int ROWS = 1500;
    private static final int DRAWS = 600;
    private static final long DATASET_SEED = 7;
    private static final long DRAW_SEED = 100;
    private static final String USER_ID = "wp";
    private static final Duration LAKE_TIMEOUT = Duration.ofSeconds(120);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void batchAnswersAndBothPathsTablesEqualTheReferenceComputedFromTheSourceRows() throws Exception {
        Path home = SparkJobHome.get();
        System.setProperty("pinpipe.home", home.toString());
        Path config = dataDir.resolve("pinpipe.properties");
        Files.writeString(config, String.join("\n", "kafka.port=0", "listeners=http://127.0.0.1:0",
                "user.id=" + USER_ID, "connect.flush.size=200", "connect.rotate.interval.ms=1000", ""));
        String[] base = {"--data-dir", dataDir.toString(), "--config", config.toString()};
        Path datasetFiles = dataDir.resolve("dataset-files");

        assertThat(run(base, "dataset", "generate", "--rows", "" + ROWS, "--seed", "" + DATASET_SEED, "--out",
                datasetFiles.toString())).isZero();
        SourceFiles.addEdgeCases(datasetFiles);
        assertThat(run(base, "dataset", "load", "--from", datasetFiles.toString())).isZero();
        List<Integer> draws = draws();

        Settings settings = Settings.load(config, Map.of(), StackSettings.ALL);
        try (LocalStack stack = LocalStack.start(dataDir, Optional.of(config), settings, line -> { })) {
            assertThat(run(base, "emulate", "--gateway", stack.gatewayUri().toString(), "--count", "" + DRAWS,
                    "--seed", "" + DRAW_SEED, "--max-row", "" + (ROWS - 1), "--concurrency", "8")).isZero();
            for (SourceTable table : SourceTable.values()) {
                String topic = stack.topics().batch(table);
                assertThat(endOffset(stack.bootstrapServers(), topic)).as("records of %s in Kafka", topic)
                        .isEqualTo(DRAWS);
                List<String> landed = LakeFiles.await(dataDir.resolve("lake"), topic, DRAWS, LAKE_TIMEOUT);
                assertThat(LakeFiles.ids(landed, table)).as("row ids of %s in the lake", topic)
                        .containsExactlyInAnyOrderElementsOf(draws);
            }

            assertThat(run(base, "emulate", "--mode", "stream", "--gateway", stack.gatewayUri().toString(),
                    "--count", "" + DRAWS, "--seed", "" + DRAW_SEED, "--max-row", "" + (ROWS - 1), "--concurrency",
                    "8")).as("emulate through the streams API").isZero();
            for (SourceTable table : SourceTable.values()) {
                String stream = stack.topics().streaming(table);
                assertThat(endOffset(stack.bootstrapServers(), stream)).as("records of %s in Kafka", stream)
                        .isEqualTo(DRAWS);
            }
            assertThat(run(base, "stream", "--available-now", "--bootstrap-servers", stack.bootstrapServers(),
                    "--master", "local[2]", "--memory", "1g")).as("pinpipe stream --available-now").isZero();
        }

        assertThat(run(base, "batch", "--master", "local[2]", "--memory", "1g")).as("pinpipe batch").isZero();

        ReferenceTables expected = ReferenceCleaning.tables(SourceFiles.drawnRows(datasetFiles, draws));
        assertThat(expected.pins()).as("drawn pins whose follower count is a placeholder (null)")
                .anyMatch(pin -> pin.followerCount() == null);
        List<Answer> answers = ReferenceAnswers.of(expected);
        assertTheDataExercisesTheSemantics(answers);
        ResultFiles.assertEqual(dataDir.resolve("results"), answers);

        DeltaTables.assertEqual(home, dataDir.resolve("warehouse"), expected,
                Files.createDirectories(dataDir.resolve("batch-check")));
        DeltaTables.assertEqual(home, dataDir.resolve("stream-warehouse"), expected,
                Files.createDirectories(dataDir.resolve("stream-check")));
    }

    /** The drawn dataset must hold what the semantics are about, or the comparison proves less than it claims. */
    private static void assertTheDataExercisesTheSemantics(List<Answer> answers) {
        Answer q1 = answers.get(0);
        long countries = q1.rows().stream().map(row -> row.get(0)).distinct().count();
        assertThat(q1.rows().size()).as("question 1 has tied categories").isGreaterThan((int) countries);
        assertThat(answers.get(5).rows()).extracting(row -> row.get(0)).as("age groups of question 5")
                .containsExactly("18-24", "25-35", "36-50", "+50", "<18");
        assertThat(answers.get(6).rows()).as("question 6 has years with and without people")
                .contains(Answer.row(2018, 0L)).noneMatch(row -> row.equals(Answer.row(2019, 0L)))
                .noneMatch(row -> row.equals(Answer.row(2020, 0L)));
        assertThat(answers.get(7).rows()).extracting(row -> row.get(0)).as("join years of question 7")
                .containsExactly(2015, 2016, 2017, 2019, 2020);
    }

    /** The row ids the emulator draws: the course's generator, seeded, over the dataset's ids. */
    private static List<Integer> draws() {
        CourseDraws course = new CourseDraws(DRAW_SEED, 0, ROWS - 1);
        List<Integer> draws = new ArrayList<>();
        for (int i = 0; i < DRAWS; i++) {
            draws.add(course.next());
        }
        return draws;
    }

    private static long endOffset(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS)
                    .get(partition).offset();
        }
    }

    private static int run(String[] base, String... command) {
        List<String> args = new ArrayList<>(List.of(base));
        args.addAll(List.of(command));
        return Main.run(args.toArray(String[]::new));
    }
}
