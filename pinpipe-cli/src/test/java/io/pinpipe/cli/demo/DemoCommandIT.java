package io.pinpipe.cli.demo;

import io.pinpipe.cli.ConsoleCapture;
import io.pinpipe.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

/**
 * {@code pinpipe demo} runs the whole pipeline, batch and stream, on real parts, its books balance, and its output
 * reads as a log.
 */
class DemoCommandIT {

    private static final Pattern RECONCILIATION = Pattern.compile(
            "acknowledged ([\\d,]+) = in Kafka ([\\d,]+) = in the lake ([\\d,]+) -> ([\\d,]+) table rows.* OK");
    private static final Pattern STREAM_RECONCILIATION = Pattern.compile(
            "stream reconciliation: acknowledged ([\\d,]+) = in Kafka ([\\d,]+) -> ([\\d,]+) stream table rows.* OK");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

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
        assertReadableLog(out.toString());
    }

    /** Off a terminal, the demo's output is a log a person reads top to bottom. */
    private void assertReadableLog(String out) {
        String printed = out + console.out() + console.err();
        assertThat(printed).as("no progress frames, no library warnings").doesNotContain("\r",
                "Truncated the string representation of a plan", "is not supported in streaming",
                "Cannot find a complete checkpoint", "SPARK_LOCAL_IP");
        assertThat(console.err()).as("plain progress lines").contains("emulate: 120/120 draws (100%) in ");
        // The demo runs the batch job as its own command line, which prints to System.out.
        assertThat(console.out()).as("a short answer table")
                .contains("more rows in " + dataDir.resolve("demo/results/q1_popular_category_by_country.csv"));
        assertThat(dataDir.resolve("demo/logs/batch.log")).as("where Spark's warnings went").isRegularFile();
        assertThat(dataDir.resolve("demo/logs/stream.log")).isRegularFile();
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
