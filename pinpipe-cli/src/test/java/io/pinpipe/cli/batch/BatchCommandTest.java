package io.pinpipe.cli.batch;

import io.pinpipe.cli.Main;
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

class BatchCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void defaultsPointIntoTheDataFolder() {
        CommandLine commandLine = Main.commandLine();
        commandLine.parseArgs("--data-dir", dataDir.toString(), "batch");
        BatchCommand command = commandLine.getSubcommands().get("batch").getCommand();
        List<String> options = command.jobOptions(dataDir, io.pinpipe.common.Settings.empty());
        assertThat(options).containsExactly("--lake", dataDir.resolve("lake").toString(), "--topics-dir", "topics",
                "--user-id", "pinpipe", "--warehouse", dataDir.resolve("warehouse").toString(), "--results",
                dataDir.resolve("results").toString());
    }

    @Test
    void theJobReadsTheLakeWhereTheSinkSettingsPutIt() {
        BatchCommand command = parse("--data-dir", dataDir.toString(), "batch");
        Settings moved = Settings.of(Map.of("connect.lake.dir", "/srv/lake", "connect.topics.dir", "landing"));
        assertThat(command.jobOptions(dataDir, moved)).containsSubsequence("--lake", "/srv/lake", "--topics-dir",
                "landing");
        Settings s3 = Settings.of(Map.of("connect.store", "s3", "connect.s3.bucket.name", "user-x-bucket"));
        assertThat(command.jobOptions(dataDir, s3)).containsSubsequence("--lake", "s3a://user-x-bucket",
                "--topics-dir", "topics");
    }

    @Test
    void anExplicitLakeWinsOverTheSinkSettings() {
        BatchCommand command = parse("batch", "--lake", "/tmp/other");
        assertThat(command.jobOptions(dataDir, Settings.of(Map.of("connect.lake.dir", "/srv/lake"))))
                .containsSubsequence("--lake", "/tmp/other");
    }

    @Test
    void theUserIdFlagAndSettingPassTheSharedValidator() {
        assertThatThrownBy(() -> parse("batch", "--user-id", "no spaces").jobOptions(dataDir, Settings.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user.id");
        assertThatThrownBy(() -> parse("batch").jobOptions(dataDir, Settings.of(Map.of("user.id", "a/b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user.id");
        assertThat(parse("batch", "--user-id", "flag").jobOptions(dataDir, Settings.of(Map.of("user.id", "file"))))
                .containsSubsequence("--user-id", "flag");
    }

    private static BatchCommand parse(String... args) {
        CommandLine commandLine = Main.commandLine();
        commandLine.parseArgs(args);
        return commandLine.getSubcommands().get("batch").getCommand();
    }

    @Test
    void explicitOptionsAreHandedToTheJob() {
        CommandLine commandLine = Main.commandLine();
        commandLine.parseArgs("batch", "--lake", "s3a://bucket/lake", "--user-id", "12c0d092d679", "--since",
                "2024-01-02", "--until", "2024-01-03", "--extended-placeholders");
        BatchCommand command = commandLine.getSubcommands().get("batch").getCommand();
        assertThat(command.jobOptions(dataDir, io.pinpipe.common.Settings.empty())).containsSubsequence(
                "--lake", "s3a://bucket/lake", "--user-id", "12c0d092d679").contains("--since", "2024-01-02",
                "--until", "2024-01-03", "--extended-placeholders", "true");
    }

    @Test
    void stepLinesOfTheJobAreRecognised() {
        assertThat(StepLine.parse("[pinpipe] step 3/13: loading x.user")).contains(new StepLine(3, 13,
                "loading x.user"));
        assertThat(StepLine.parse("| country | category |")).isEmpty();
    }

    @Test
    void anUnbuiltJobIsAClearError() {
        assertThatThrownBy(() -> SparkJvm.command(dataDir, "1g", "local[2]", List.of(), dataDir.resolve("batch.log")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not built");
    }

    @Test
    void helpDescribesTheCommand() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        assertThat(commandLine.execute("batch", "--help")).isZero();
        assertThat(out.toString()).contains("--lake", "--since", "spark-submit");
    }
}
