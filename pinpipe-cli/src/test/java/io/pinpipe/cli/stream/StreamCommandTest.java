package io.pinpipe.cli.stream;

import io.pinpipe.cli.Main;
import io.pinpipe.cli.batch.SparkJvm;
import io.pinpipe.common.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void defaultsPointIntoTheDataFolderAndAtTheLocalBroker() {
        StreamCommand command = parse("--data-dir", dataDir.toString(), "stream");
        assertThat(command.jobOptions(dataDir, Settings.empty())).containsExactly(
                "--bootstrap-servers", "127.0.0.1:9092", "--user-id", "pinpipe",
                "--warehouse", dataDir.resolve("stream-warehouse").toString(),
                "--checkpoint", dataDir.resolve("checkpoints/stream").toString(),
                "--trigger-interval", "1s", "--available-now", "false", "--max-records-per-batch", "0");
    }

    @Test
    void settingsAndExplicitOptionsReachTheJob() {
        Settings settings = Settings.of(Map.of("bootstrap.servers", "kafka:9092", "user.id", "12c0d092d679"));
        assertThat(parse("stream").jobOptions(dataDir, settings)).containsSubsequence("--bootstrap-servers",
                "kafka:9092", "--user-id", "12c0d092d679");
        StreamCommand explicit = parse("stream", "--bootstrap-servers", "b:1", "--warehouse", "s3a://bucket/w",
                "--checkpoint", "s3a://bucket/cp", "--trigger-interval", "500ms", "--available-now",
                "--extended-placeholders", "--max-records-per-batch", "100", "--kafka-config", "msk.properties");
        assertThat(explicit.jobOptions(dataDir, settings)).containsSubsequence("--bootstrap-servers", "b:1",
                "--user-id", "12c0d092d679", "--warehouse", "s3a://bucket/w", "--checkpoint", "s3a://bucket/cp",
                "--trigger-interval", "500ms", "--available-now", "true", "--max-records-per-batch", "100",
                "--kafka-config", Path.of("msk.properties").toAbsolutePath().toString(), "--extended-placeholders",
                "true");
    }

    @Test
    void theUserIdFlagPassesTheSettingsValidatorBeforeAnySparkJvmStarts() {
        assertThatThrownBy(() -> parse("stream", "--user-id", "no spaces").jobOptions(dataDir, Settings.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--user-id")
                .hasMessageContaining("user.id");
        assertThatThrownBy(() -> parse("stream").jobOptions(dataDir, Settings.of(Map.of("user.id", "a/b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user.id");
        assertThat(parse("stream", "--user-id", "flag").jobOptions(dataDir, Settings.of(Map.of("user.id", "file"))))
                .containsSubsequence("--user-id", "flag");
    }

    @Test
    void theJobRunsInASparkJvmOfItsOwn() {
        Path home = Path.of("..").toAbsolutePath().normalize();
        Path log = Path.of("logs", "stream.log");
        List<String> command = SparkJvm.command(home, "1g", "local[2]", StreamCommand.MAIN_CLASS, List.of("--x"),
                log);
        assertThat(command).contains("-Xmx1g", "-Dspark.master=local[2]", StreamCommand.MAIN_CLASS,
                "-Dpinpipe.log.file=" + log.toAbsolutePath()).endsWith(StreamCommand.MAIN_CLASS, "--x");
    }

    @Test
    void helpDescribesTheCommand() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        assertThat(commandLine.execute("stream", "--help")).isZero();
        assertThat(out.toString()).contains("--available-now", "--trigger-interval", "checkpoints/stream",
                "never deleted");
    }

    private static StreamCommand parse(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.parseArgs(args);
        return commandLine.getSubcommands().get("stream").getCommand();
    }
}
