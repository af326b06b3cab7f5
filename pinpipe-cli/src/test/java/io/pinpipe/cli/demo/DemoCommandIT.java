package io.pinpipe.cli.demo;

import io.pinpipe.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pinpipe demo} runs the whole pipeline, batch and stream, on real parts, and its books balance. */
class DemoCommandIT {

    private static final Pattern RECONCILIATION = Pattern.compile(
            "acknowledged ([\\d,]+) = in Kafka ([\\d,]+) = in the lake ([\\d,]+) -> ([\\d,]+) table rows.* OK");
    private static final Pattern STREAM_RECONCILIATION = Pattern.compile(
            "stream reconciliation: acknowledged ([\\d,]+) = in Kafka ([\\d,]+) -> ([\\d,]+) stream table rows.* OK");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    void demoBalancesBothPathsAndWritesTheReport() throws Exception {
        System.setProperty("pinpipe.home", Path.of("..").toAbsolutePath().normalize().toString());
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));

        int exitCode = commandLine.execute("--data-dir", dataDir.toString(), "demo", "--count", "120");

        assertThat(exitCode).as(out.toString()).isZero();
        Matcher line = RECONCILIATION.matcher(out.toString());
        assertThat(line.find()).as(out.toString()).isTrue();
        long acknowledged = number(line.group(1));
        assertThat(acknowledged).isEqualTo(360);
        assertThat(number(line.group(2))).isEqualTo(acknowledged);
        assertThat(number(line.group(3))).isEqualTo(acknowledged);
        assertThat(number(line.group(4))).isBetween(3L, acknowledged);
        Matcher stream = STREAM_RECONCILIATION.matcher(out.toString());
        assertThat(stream.find()).as(out.toString()).isTrue();
        assertThat(number(stream.group(1))).isEqualTo(acknowledged);
        assertThat(number(stream.group(2))).isEqualTo(acknowledged);
        // The same draws went both ways: the stream tables hold the rows the batch tables hold.
        assertThat(number(stream.group(3))).isEqualTo(number(line.group(4)));
        assertThat(dataDir.resolve("demo/stream-warehouse/pin/_delta_log")).isDirectory();
        assertThat(dataDir.resolve("demo/checkpoints/stream/commits")).isDirectory();
        assertThat(dataDir.resolve("demo/results/report.html")).isNotEmptyFile();
        assertThat(Files.list(dataDir.resolve("demo/warehouse"))).isNotEmpty();
    }

    @Test
    void countBelowOneIsABadArgument() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err));

        assertThat(commandLine.execute("--data-dir", dataDir.toString(), "demo", "--count", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--count must be at least 1");
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }
}
