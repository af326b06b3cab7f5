package io.pinpipe.spark;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JobArgumentsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpPrintsTheUsageAndEndsTheJobWithZero() {
        JobArguments.Read<BatchOptions> read = read("--lake", "/l", "-h");

        assertThat(read.ended()).isTrue();
        assertThat(read.exitCode()).isZero();
        assertThat(text(out)).isEqualTo(BatchOptions.usage());
        assertThat(text(err)).isEmpty();
    }

    @Test
    void badOptionsAreNamedAfterTheCommandAndEndTheJobWithTwo() {
        JobArguments.Read<BatchOptions> read = read("--lake", "/l", "--no-such-flag", "x");

        assertThat(read.ended()).isTrue();
        assertThat(read.exitCode()).isEqualTo(2);
        assertThat(text(err)).startsWith("pinpipe batch: ").contains("--no-such-flag");
        assertThat(text(out)).isEmpty();
    }

    @Test
    void goodOptionsLetTheJobGoOn() {
        JobArguments.Read<BatchOptions> read = read("--lake", "/data/lake");

        assertThat(read.ended()).isFalse();
        assertThat(read.options().lake()).isEqualTo("/data/lake");
        assertThat(text(out) + text(err)).isEmpty();
    }

    private JobArguments.Read<BatchOptions> read(String... args) {
        return JobArguments.read("pinpipe batch", args, BatchOptions.usage(), BatchOptions::parse,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
