package io.pinpipe.cli.console;

import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LiveLineTest {

    private final Screen screen = new Screen();
    private final LiveLine line = new LiveLine(screen.stream());
    private final PrintStream out = new PrintStream(new GuardedStream(line, screen.stream()), true,
            StandardCharsets.UTF_8);

    @Test
    void outputWhileABarIsLiveGoesAboveItNeverIntoIt() {
        line.draw("load  10% [##        ]");
        out.println("| Albania | art | 6 |");
        line.draw("load  90% [######### ]");
        out.println("| Algeria | travel | 5 |");

        assertThat(screen.lines()).containsExactly(
                "| Albania | art | 6 |",
                "| Algeria | travel | 5 |",
                "load  90% [######### ]");
    }

    @Test
    void aShorterFrameLeavesNothingOfTheLongerOneBehind() {
        line.draw("batch 10% answering 1. Most popular category in each country");
        line.draw("batch 20% report");

        assertThat(screen.lines()).containsExactly("batch 20% report");
    }

    @Test
    void theBarWaitsWhileAnotherLineIsUnfinished() {
        line.draw("emulate 1%");
        out.print("Password: ");
        line.draw("emulate 2%");
        out.println("(none)");

        assertThat(screen.lines()).containsExactly("Password: (none)", "emulate 2%");
    }

    @Test
    void anEndedBarStaysAsALineAndLaterOutputFollowsIt() {
        line.draw("generate 100% 11153/11153 rows");
        line.end();
        out.println("Generated 11,153 rows per table");

        assertThat(screen.lines()).containsExactly("generate 100% 11153/11153 rows", "Generated 11,153 rows per table");
        assertThat(screen.written()).endsWith("rows per table\n");
    }

    @Test
    void withoutABarOutputPassesUnchanged() {
        out.println("drawn 1,000 rows");
        out.print("no newline yet");

        assertThat(screen.written()).isEqualTo("drawn 1,000 rows\nno newline yet");
    }
}
