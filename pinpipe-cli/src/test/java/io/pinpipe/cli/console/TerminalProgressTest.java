package io.pinpipe.cli.console;

import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalProgressTest {

    @Test
    void animatesWithCarriageReturnsAndOutputInBetweenStaysWhole() {
        Screen screen = new Screen();
        LiveLine line = new LiveLine(screen.stream());
        PrintStream out = new PrintStream(new GuardedStream(line, screen.stream()), true, StandardCharsets.UTF_8);

        Progress progress = new TerminalProgress(new ProgressTask("emulate", 1000, "draws", true), line);
        progress.stepTo(400);
        out.println("emulating against http://127.0.0.1:8082/test");
        progress.stepTo(1000);
        progress.close();
        out.println("drawn 1,000 rows");

        assertThat(screen.written()).contains("\r");
        assertThat(screen.lines()).contains("emulating against http://127.0.0.1:8082/test")
                .endsWith("drawn 1,000 rows");
        assertThat(screen.lines().get(screen.lines().size() - 2)).startsWith("emulate 100%")
                .contains("1000/1000");
    }

    @Test
    void aStepDescriptionIsShortenedToFitTheBar() {
        Screen screen = new Screen();
        LiveLine line = new LiveLine(screen.stream());

        Progress progress = new TerminalProgress(new ProgressTask("batch", 13, "", false), line);
        progress.stepTo(3, "answering 1. Most popular category in each country, the longest title of all");
        progress.close();

        assertThat(screen.lines()).last().asString().contains("3/13")
                .contains("answering 1. Most popular c...")
                .doesNotContain("longest");
    }
}
