package io.pinpipe.cli.batch;

import io.pinpipe.cli.CliProcess;
import io.pinpipe.cli.Main;
import io.pinpipe.cli.SparkJobHome;
import io.pinpipe.common.Await;
import io.pinpipe.common.TopicLayout;
import io.pinpipe.common.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pinpipe batch} runs the real Spark job in a child JVM on a small lake and reports its outputs; the job dies
 * with the command, however the command dies.
 */
class BatchCommandIT {

    /** How long a child of a killed pinpipe may outlive it (issue 14). */
    static final Duration ORPHAN_LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    void batchOnALakeWritesTablesResultsAndReport() throws IOException {
        Path home = SparkJobHome.get();
        Topics topics = new Topics("cli");
        write(topics.batch(io.pinpipe.common.SourceTable.PIN), List.of(
                "{\"index\": 1, \"unique_id\": \"a\", \"title\": \"T\", \"poster_name\": \"P\","
                        + " \"follower_count\": \"2k\", \"category\": \"art\","
                        + " \"save_location\": \"Local save in /data/art\", \"downloaded\": 1}",
                "{\"index\": 1, \"unique_id\": \"a\", \"title\": \"T\", \"poster_name\": \"P\","
                        + " \"follower_count\": \"2k\", \"category\": \"art\","
                        + " \"save_location\": \"Local save in /data/art\", \"downloaded\": 1}",
                "broken"));
        write(topics.batch(io.pinpipe.common.SourceTable.GEO), List.of(
                "{\"ind\": 1, \"timestamp\": \"2020-08-28T03:52:47\", \"latitude\": -5.5, \"longitude\": 10.25,"
                        + " \"country\": \"Albania\"}"));
        write(topics.batch(io.pinpipe.common.SourceTable.USER), List.of(
                "{\"ind\": 1, \"first_name\": \"Ada\", \"last_name\": \"Lovelace\", \"age\": 36,"
                        + " \"date_joined\": \"2016-01-02 03:04:05\"}"));

        System.setProperty("pinpipe.home", home.toString());
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        int code = commandLine.execute("--data-dir", dataDir.toString(), "batch", "--user-id", "cli",
                "--master", "local[2]", "--memory", "1g");

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("pinpipe batch: done", "| Albania | art      | 1              |");
        assertThat(dataDir.resolve("warehouse/pin/_delta_log")).isDirectory();
        assertThat(dataDir.resolve("results/report.html")).isRegularFile();
        assertThat(dataDir.resolve("logs/batch.log")).as("Spark's log, off the console").isRegularFile();
        assertThat(out.toString()).doesNotContain("Truncated the string representation of a plan");
        assertThat(dataDir.resolve("results/q1_popular_category_by_country.csv")).content()
                .isEqualTo("country,category,category_count\nAlbania,art,1\n");
    }

    @Test
    @Timeout(180)
    void killingPinpipeBatchKillsItsSparkJob() throws Exception {
        CliProcess batch = CliProcess.start(dataDir.resolve("batch.log"), "--data-dir", dataDir.toString(), "batch",
                "--master", "local[2]", "--memory", "512m");
        try {
            assertThat(Await.until(Duration.ofSeconds(60), () -> !batch.descendants().isEmpty()))
                    .as("the Spark JVM started: %s", batch.log()).isTrue();
            List<ProcessHandle> children = batch.descendants();

            batch.kill();

            assertThat(Await.until(ORPHAN_LIMIT, () -> children.stream().noneMatch(ProcessHandle::isAlive)))
                    .as("the Spark JVM of a SIGKILLed pinpipe batch is gone within %s", ORPHAN_LIMIT).isTrue();
        } finally {
            batch.killIfAlive();
        }
    }

    private void write(String topic, List<String> lines) throws IOException {
        Path file = dataDir.resolve("lake").resolve(TopicLayout.defaults().objectName(topic, 0, 0));
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
    }
}
