package io.pinpipe.cli.batch;

import io.pinpipe.cli.ConsoleCapture;
import io.pinpipe.common.process.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
                + " echo 'ERROR SparkContext: boom' >&2; echo 'pinpipe batch: done'"), "test job")) {

            SparkJvm.forEachLine(job.process(), "test job", lines::add);

            assertThat(job.waitFor()).isZero();
        }
        assertThat(lines).containsExactly("[pinpipe] step 1/2: loading", "pinpipe batch: done");
        assertThat(console.err()).isEqualTo("ERROR SparkContext: boom" + System.lineSeparator());
    }

    @Test
    void aJobsLogFileIsInTheDataFoldersLogsFolder() {
        Path log = SparkJvm.logFile(dataDir, "stream");

        assertThat(log).isEqualTo(dataDir.resolve("logs/stream.log"));
        assertThat(log.getParent()).isDirectory();
    }
}
