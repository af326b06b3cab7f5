package io.pinpipe.cli.stack;

import io.pinpipe.cli.CliProcess;
import io.pinpipe.cli.CliRun;
import io.pinpipe.cli.Main;
import io.pinpipe.common.Await;
import io.pinpipe.common.LakeFiles;
import io.pinpipe.common.Settings;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TopicLayout;
import io.pinpipe.common.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user who moves the lake ({@code connect.lake.dir}) and renames its topic folder ({@code connect.topics.dir})
 * gets a stack whose sink writes there and a {@code pinpipe batch} that reads there: the files are where the
 * settings say, nothing lands in {@code <data-dir>/lake}, and the batch's tables hold the records. Once with the
 * settings in {@code <data-dir>/pinpipe.properties}, once as {@code PINPIPE_<KEY>} environment variables (the batch
 * then runs as a child process, which is the only way to give it an environment).
 */
class MovedLakeIT {

    private static final int DRAWS = 30;
    private static final String TOPICS_DIR = "landing/raw";
    /**
     * Per topic the batch prints {@code <topic>: F files, N rows read, Q quarantined, D duplicates removed, R rows,
     * I new}.
     */
    private static final String LOADED = ": \\d+ files, (\\d+) rows read, \\d+ quarantined, \\d+ duplicates removed,"
            + " (\\d+) rows, (\\d+) new";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path scratch;

    @Test
    @Timeout(300)
    void settingsInTheConfigFileMoveTheLakeForTheSinkAndTheBatch() throws Exception {
        Path dataDir = scratch.resolve("data");
        Path lake = scratch.resolve("elsewhere/lake");
        Files.createDirectories(dataDir);
        Path config = dataDir.resolve("pinpipe.properties");
        Files.writeString(config, String.join("\n", "kafka.port=0", "listeners=http://127.0.0.1:0", "user.id=moved",
                "connect.flush.size=10", "connect.rotate.interval.ms=1000", "connect.lake.dir=" + lake,
                "connect.topics.dir=" + TOPICS_DIR, ""));
        Topics topics = new Topics("moved");
        usePinpipeHome();

        try (LocalStack stack = LocalStack.start(dataDir, Optional.of(config),
                Settings.load(config, Map.of(), StackSettings.ALL), line -> { })) {
            emulateAndAwaitTheLake(dataDir, stack, lake, topics);
        }
        CliRun batch = CliRun.of("--data-dir", dataDir.toString(), "batch", "--master", "local[2]", "--memory", "1g");

        assertThat(batch.exitCode()).as(batch.out() + batch.err()).isZero();
        assertTheBatchLoadedEveryRecord(batch.out(), dataDir, topics);
    }

    @Test
    @Timeout(300)
    void theSameSettingsAsEnvironmentVariablesMoveTheLakeForTheSinkAndTheBatch() throws Exception {
        Path dataDir = scratch.resolve("data");
        Path lake = scratch.resolve("elsewhere/lake");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PINPIPE_KAFKA_PORT", "0");
        environment.put("PINPIPE_USER_ID", "moved");
        environment.put("PINPIPE_CONNECT_FLUSH_SIZE", "10");
        environment.put("PINPIPE_CONNECT_ROTATE_INTERVAL_MS", "1000");
        environment.put("PINPIPE_CONNECT_LAKE_DIR", lake.toString());
        environment.put("PINPIPE_CONNECT_TOPICS_DIR", TOPICS_DIR);
        Topics topics = new Topics("moved");
        usePinpipeHome();

        // The stack reads the variables as PinpipeCommand does (no config file); the batch is a child process
        // that gets them as its environment.
        try (LocalStack stack = LocalStack.start(dataDir, Optional.empty(),
                Settings.load(null, environment, StackSettings.ALL), Map.of("listeners", "http://127.0.0.1:0"),
                line -> { })) {
            emulateAndAwaitTheLake(dataDir, stack, lake, topics);
        }
        CliProcess batch = CliProcess.start(scratch.resolve("batch.log"), environment, "--data-dir",
                dataDir.toString(), "batch", "--master", "local[2]", "--memory", "1g");
        try {
            assertThat(batch.await(240)).as(batch.log()).isZero();
        } finally {
            batch.killIfAlive();
        }
        assertTheBatchLoadedEveryRecord(batch.log(), dataDir, topics);
    }

    private static void emulateAndAwaitTheLake(Path dataDir, LocalStack stack, Path lake, Topics topics)
            throws InterruptedException {
        assertThat(Main.run("--data-dir", dataDir.toString(), "emulate", "--gateway", stack.gatewayUri().toString(),
                "--user-id", topics.userId(), "--count", String.valueOf(DRAWS), "--seed", "15", "--concurrency", "4"))
                .isZero();
        TopicLayout layout = new TopicLayout(TOPICS_DIR, TopicLayout.DEFAULT_PAD_WIDTH);
        for (String topic : topics.batchTopics()) {
            assertThat(Await.until(Duration.ofSeconds(90),
                    () -> LakeFiles.lines(LakeFiles.of(lake, layout, topic)).size() >= DRAWS))
                    .as("%s landed under %s/%s", topic, lake, TOPICS_DIR).isTrue();
            assertThat(lake.resolve(layout.partitionDir(topic, 0)).resolve(layout.fileName(topic, 0, 0,
                    TopicLayout.JSON_EXTENSION))).as("the sink's first file of %s", topic).isRegularFile();
        }
        assertThat(dataDir.resolve("lake")).as("nothing lands in the default lake").doesNotExist();
    }

    private static void assertTheBatchLoadedEveryRecord(String printed, Path dataDir, Topics topics) {
        for (SourceTable table : SourceTable.values()) {
            String topic = topics.batch(table);
            Matcher loaded = Pattern.compile(Pattern.quote(topic) + LOADED).matcher(printed);
            assertThat(loaded.find()).as("the batch's line for %s in:%n%s", topic, printed).isTrue();
            assertThat(Long.parseLong(loaded.group(1))).as("%s: every record of the moved lake was read", topic)
                    .isEqualTo(DRAWS);
            long rows = Long.parseLong(loaded.group(2));
            assertThat(rows).as("%s: rows reach the table", topic).isPositive();
            assertThat(Long.parseLong(loaded.group(3))).as("%s: the fresh Delta table took every row", topic)
                    .isEqualTo(rows);
            assertThat(dataDir.resolve("warehouse").resolve(table.shortName()).resolve("_delta_log")).isDirectory();
        }
        assertThat(dataDir.resolve("results/report.html")).isRegularFile();
    }

    private static void usePinpipeHome() {
        System.setProperty("pinpipe.home", Path.of("..").toAbsolutePath().normalize().toString());
    }
}
