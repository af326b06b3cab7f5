package io.pinpipe.cli.schedule;

import io.pinpipe.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleCommandTest {

    @TempDir
    Path dir;

    @Test
    void emptyHistoryIsSaidPlainly() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));

        int exitCode = commandLine.execute("--data-dir", dir.toString(), "schedule", "--history");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("no runs yet");
    }

    @Test
    void badCronIsABadArgument() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err));

        int exitCode = commandLine.execute("--data-dir", dir.toString(), "schedule", "--cron", "every day");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("'every day'");
    }

    @Test
    void dateWithoutOnceIsRefused() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err));

        int exitCode = commandLine.execute("--data-dir", dir.toString(), "schedule", "--date", "2024-01-01");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--date goes with --once");
    }
}
