package io.pinpipe.cli.batch;

import io.pinpipe.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

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
        assertThat(options).containsExactly("--lake", dataDir.resolve("lake").toString(), "--user-id", "pinpipe",
                "--warehouse", dataDir.resolve("warehouse").toString(), "--results",
                dataDir.resolve("results").toString());
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
