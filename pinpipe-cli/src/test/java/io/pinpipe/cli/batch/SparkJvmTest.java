package io.pinpipe.cli.batch;

import io.pinpipe.cli.ConsoleCapture;
import io.pinpipe.common.process.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SparkJvmTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dataDir;

    @Test
    void theJobsOutputGoesToTheCallerAndItsErrorsToOurStandardError() throws Exception {
        List<String> lines = new ArrayList<>();
        try (ChildProcess job = SparkJvm.start(List.of("sh", "-c", "echo '[pinpipe] step 1/2: loading';"
                + " echo 'ERROR SparkContext: boom' >&2; echo 'pinpipe batch: done'"), "test job",
                dataDir.resolve("test.log"))) {

            SparkJvm.forEachLine(job.process(), "test job", lines::add);

            assertThat(job.waitFor()).isZero();
        }
        assertThat(lines).containsExactly("[pinpipe] step 1/2: loading", "pinpipe batch: done");
        assertThat(console.err()).isEqualTo("ERROR SparkContext: boom" + System.lineSeparator());
    }

    @Test
    void eachRunStartsItsLogWithTheHeapAndMasterItWasGivenAndNoJobArgument() throws Exception {
        Path log = dataDir.resolve("batch.log");
        Files.writeString(log, "an earlier run's line\n");
        List<String> command = List.of("true", "-Xmx768m", "-Dspark.master=local[2]", "-Dother=x", "Main",
                "--kafka-config", "/secret/client.properties");

        try (ChildProcess job = SparkJvm.start(command.subList(0, 1), "Spark job", log)) {
            assertThat(job.waitFor()).isZero();
        }
        String header = SparkJvm.header(command, "Spark job", Instant.parse("2026-12-05T04:40:00.123Z"));

        assertThat(header).isEqualTo("2026-12-05T04:40:00Z pinpipe starts the Spark job: -Xmx768m"
                + " -Dspark.master=local[2]" + System.lineSeparator());
        assertThat(Files.readAllLines(log)).hasSize(2).first().isEqualTo("an earlier run's line");
        assertThat(Files.readAllLines(log).get(1)).endsWith("pinpipe starts the Spark job: ");
    }

    @Test
    void aJobsLogFileIsInTheDataFoldersLogsFolder() {
        Path log = SparkJvm.logFile(dataDir, "stream");

        assertThat(log).isEqualTo(dataDir.resolve("logs/stream.log"));
        assertThat(log.getParent()).isDirectory();
    }
}
