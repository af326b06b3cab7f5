package io.pinpipe.connect;

import io.pinpipe.common.LakeFiles;
import io.pinpipe.common.TopicLayout;
import io.pinpipe.connect.store.LocalFolderStore;
import io.pinpipe.connect.worker.ConnectorStatus;
import io.pinpipe.connect.worker.WorkerProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged plugin in a real standalone worker, against a real broker, writing a local folder. */
class LocalLakeIT {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    static Path dir;
    private static WorkerFixture fixture;

    @BeforeAll
    static void startBroker() {
        fixture = new WorkerFixture(dir);
    }

    @AfterAll
    static void stopBroker() {
        fixture.close();
    }

    @Test
    void recordsLandAsSentInFilesNamedByStartOffsetAndBadOnesGoToTheDeadLetterTopic() throws Exception {
        fixture.createTopic("it.pin", 1);
        Path lake = dir.resolve("lake");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String value = "{\"index\":" + i + ",\"title\":\"caf\u00e9 \\\"n\\\"\",\"follower_count\":\"12k\",\"x\":1.50}";
            sent.add(value);
            fixture.send("it.pin", 0, value.getBytes(StandardCharsets.UTF_8));
        }
        fixture.send("it.pin", 0, "not json".getBytes(StandardCharsets.UTF_8));
        fixture.flush();

        try (WorkerProcess worker = fixture.startWorker("lake", Map.of("topics.regex", "it\\..*",
                "local.dir", lake.toString(), "flush.size", "10", "rotate.interval.ms", "2000",
                "errors.tolerance", "all", "errors.deadletterqueue.topic.name", "dlq.it-pin",
                "errors.deadletterqueue.topic.replication.factor", "1",
                "errors.deadletterqueue.context.headers.enable", "true"), Map.of())) {
            worker.awaitRunning(WorkerFixture.START_TIMEOUT);
            Path folder = lake.resolve("topics/it.pin/partition=0");
            WorkerFixture.await("three files", Duration.ofSeconds(60), () -> fileNames(folder).size() == 3);

            assertThat(fileNames(folder)).containsExactly("it.pin+0+0000000000.json", "it.pin+0+0000000010.json",
                    "it.pin+0+0000000020.json");
            assertThat(Files.readString(folder.resolve("it.pin+0+0000000010.json")))
                    .isEqualTo(String.join("\n", sent.subList(10, 20)) + "\n");
            assertThat(Lake.lines(new LocalFolderStore(lake), "topics", "it.pin", 0)).isEqualTo(sent);

            List<ConsumerRecord<byte[], byte[]>> dead = fixture.records("dlq.it-pin", 1, Duration.ofSeconds(30));
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not json");
            Header reason = dead.get(0).headers().lastHeader("__connect.errors.exception.message");
            assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("it.pin-0@25", "not JSON");
        }
    }

    @Test
    void badRecordFailsTheTaskNamingTopicPartitionAndOffsetWhenErrorsAreNotTolerated() throws Exception {
        fixture.createTopic("strict.pin", 1);
        fixture.send("strict.pin", 0, "{\"ok\":1}".getBytes(StandardCharsets.UTF_8));
        fixture.send("strict.pin", 0, null);
        fixture.flush();

        try (WorkerProcess worker = fixture.startWorker("strict", Map.of("topics", "strict.pin",
                "local.dir", dir.resolve("strict-lake").toString(), "flush.size", "1"), Map.of())) {
            WorkerFixture.await("the task to fail", Duration.ofSeconds(60), () -> failure(worker) != null);

            assertThat(worker.status().orElseThrow().tasks().get(0).trace())
                    .contains("strict.pin-0@1", "tombstone");
            assertThat(dir.resolve("strict-lake/topics/strict.pin/partition=0/strict.pin+0+0000000000.json"))
                    .hasContent("{\"ok\":1}");
        }
    }

    private static String failure(WorkerProcess worker) {
        try {
            return worker.status().map(ConnectorStatus::failure).orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The lake file names of one partition folder ({@code <lake>/topics/<topic>/partition=<p>}), in offset order. */
    static List<String> fileNames(Path folder) {
        Path lake = folder.getParent().getParent().getParent();
        String topic = folder.getParent().getFileName().toString();
        int partition = Integer.parseInt(folder.getFileName().toString().substring("partition=".length()));
        return LakeFiles.of(lake, TopicLayout.defaults(), topic, partition).stream()
                .map(file -> file.getFileName().toString()).toList();
    }
}
