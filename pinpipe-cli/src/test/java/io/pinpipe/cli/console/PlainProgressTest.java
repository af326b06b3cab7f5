package io.pinpipe.cli.console;

import io.pinpipe.cli.schedule.FakeClock;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlainProgressTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final FakeClock clock = new FakeClock(Instant.parse("2024-05-01T00:00:00Z"));

    private PlainProgress progress(ProgressTask task) {
        return new PlainProgress(task, new PrintStream(sink, true, StandardCharsets.UTF_8), clock, INTERVAL);
    }

    private List<String> lines() {
        return sink.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void printsALineAtMostEveryIntervalAndALastLineWithTheTimeTaken() {
        PlainProgress progress = progress(new ProgressTask("emulate", 1000, "draws", true));
        progress.stepTo(100);
        clock.advance(Duration.ofSeconds(2));
        progress.stepTo(300);
        clock.advance(Duration.ofSeconds(3));
        progress.stepTo(500);
        progress.stepTo(510);
        clock.advance(Duration.ofSeconds(4));
        progress.stepTo(900);
        clock.advance(Duration.ofSeconds(1));
        progress.stepTo(1000);
        progress.close();

        assertThat(lines()).containsExactly(
                "emulate: 500/1,000 draws (50%), 100 draws/s",
                "emulate: 1,000/1,000 draws (100%) in 10.0 s, 100 draws/s");
        assertThat(sink.toString(StandardCharsets.UTF_8)).doesNotContain("\r", "\033");
    }

    @Test
    void aCountThatDoesNotMovePrintsNothingUntilTheEnd() {
        PlainProgress progress = progress(new ProgressTask("load", 0, "records", true));
        progress.stepBy(4096);
        clock.advance(Duration.ofSeconds(6));
        progress.stepBy(4096);
        clock.advance(Duration.ofSeconds(60));
        progress.stepBy(0);
        progress.close();
        progress.close();

        assertThat(lines()).containsExactly(
                "load: 8,192 records, 1,365 records/s",
                "load: 8,192 records in 66.0 s, 124 records/s");
    }

    @Test
    void everyNewStepIsALineAndStepsShowNoSpeed() {
        PlainProgress progress = progress(new ProgressTask("batch", 3, "", false));
        progress.stepTo(0, "loading pinpipe.pin");
        clock.advance(Duration.ofSeconds(8));
        progress.stepTo(1, "answering 1. Most popular category");
        progress.stepTo(1, "answering 1. Most popular category");
        clock.advance(Duration.ofSeconds(4));
        progress.stepTo(2, "writing the report");
        progress.stepTo(3);
        progress.close();
        progress.stepTo(3, "too late");

        assertThat(lines()).containsExactly(
                "batch: 0/3 (0%): loading pinpipe.pin",
                "batch: 1/3 (33%): answering 1. Most popular category",
                "batch: 2/3 (66%): writing the report",
                "batch: 3/3 (100%) in 12.0 s");
    }
}
