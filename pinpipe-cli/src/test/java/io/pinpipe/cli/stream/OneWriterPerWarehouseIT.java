package io.pinpipe.cli.stream;

import io.pinpipe.broker.LocalKafka;
import io.pinpipe.cli.CliProcess;
import io.pinpipe.common.Await;
import io.pinpipe.common.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming job's lifecycle on a real broker: one job per warehouse (a second one refuses to start, naming the
 * first; once the first is killed with SIGKILL the next one takes the warehouse over), and a {@code pinpipe stream}
 * killed with SIGKILL takes its Spark JVM with it.
 */
class OneWriterPerWarehouseIT {

    private static final Topics TOPICS = new Topics("writer");
    private static final String STARTED = "pinpipe stream: reading";
    private static final long START_MILLIS = 180_000;
    private static final Duration ORPHAN_LIMIT = Duration.ofSeconds(10);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path root;

    @Test
    @Timeout(600)
    void aSecondJobOnTheWarehouseRefusesNamingTheFirstAndTakesOverOnceTheFirstIsKilled() throws Exception {
        try (LocalKafka kafka = LocalKafka.inFolder(root.resolve("kafka")).start()) {
            List<String> options = options(kafka);
            StreamJobProcess first = StreamJobProcess.start(root.resolve("first.log"), StreamCommand.MAIN_CLASS,
                    options);
            StreamJobProcess third = null;
            try {
                assertThat(first.awaitLog(STARTED, START_MILLIS)).as(first.log()).isTrue();

                StreamJobProcess second = StreamJobProcess.start(root.resolve("second.log"),
                        StreamCommand.MAIN_CLASS, options);
                assertThat(second.await(120)).as(second.log()).isEqualTo(1);
                assertThat(second.log()).contains("another stream job writes the warehouse "
                        + root.resolve("stream-warehouse"), "pid " + first.pid() + " on ", ", started ")
                        .doesNotContain(STARTED);

                first.kill();
                third = StreamJobProcess.start(root.resolve("third.log"), StreamCommand.MAIN_CLASS, options);
                assertThat(third.awaitLog(STARTED, START_MILLIS)).as("the dead job's warehouse is taken over: %s",
                        third.log()).isTrue();
                assertThat(third.log()).doesNotContain("another stream job");
            } finally {
                first.killIfAlive();
                if (third != null) {
                    third.killIfAlive();
                }
            }
        }
    }

    @Test
    @Timeout(300)
    void killingPinpipeStreamKillsItsSparkJob() throws Exception {
        try (LocalKafka kafka = LocalKafka.inFolder(root.resolve("kafka")).start()) {
            List<String> args = new java.util.ArrayList<>(List.of("--data-dir", root.toString(), "stream",
                    "--memory", "768m"));
            args.addAll(options(kafka));
            CliProcess stream = CliProcess.start(root.resolve("cli.log"), args.toArray(String[]::new));
            try {
                assertThat(stream.awaitLog(STARTED, START_MILLIS)).as(stream.log()).isTrue();
                List<ProcessHandle> children = stream.descendants();
                assertThat(children).as("the Spark JVM").isNotEmpty();

                stream.kill();

                assertThat(Await.until(ORPHAN_LIMIT, () -> children.stream().noneMatch(ProcessHandle::isAlive)))
                        .as("the Spark JVM of a SIGKILLed pinpipe stream is gone within %s", ORPHAN_LIMIT).isTrue();
            } finally {
                stream.killIfAlive();
            }
        }
    }

    private List<String> options(LocalKafka kafka) {
        return List.of("--bootstrap-servers", kafka.bootstrapServers(), "--user-id", TOPICS.userId(),
                "--warehouse", root.resolve("stream-warehouse").toString(),
                "--checkpoint", root.resolve("checkpoints/stream").toString(), "--trigger-interval", "1s");
    }
}
