package io.pinpipe.spark.stream;

import io.pinpipe.common.SourceTable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhaseReporterTest {

    private final PhaseReporter reporter = new PhaseReporter(new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8));

    @Test
    void aLineNamesSparksPhasesInTheOrderTheyRunThenTheWritersPhasesAndRecordsPerTable() {
        PhaseTimes times = new PhaseTimes();
        times.add("checks", 500);
        times.add("pin.write", 300);
        Map<SourceTable, BatchCounts> counts = new EnumMap<>(SourceTable.class);
        counts.put(SourceTable.PIN, new BatchCounts(3_400, 2, 3_398));
        counts.put(SourceTable.GEO, new BatchCounts(3_300, 0, 3_300));
        reporter.written(12, times, counts);

        Map<String, Long> spark = new HashMap<>(Map.of("triggerExecution", 1_480L, "addBatch", 1_402L,
                "walCommit", 19L, "latestOffset", 4L, "queryPlanning", 31L, "commitOffsets", 16L,
                "setOffsetRange", 1L));

        assertThat(reporter.line(12, spark)).isEqualTo("[stream] batch 12 phases (ms): latestOffset=4"
                + " queryPlanning=31 walCommit=19 addBatch=1402 commitOffsets=16 triggerExecution=1480"
                + " setOffsetRange=1; writer: checks=500 pin.write=300 pin.records=3400 geo.records=3300");
    }

    @Test
    void aBatchWithoutTheWritersPartSaysSoAndAPartIsPrintedOnce() {
        reporter.written(3, new PhaseTimes(), Map.of());
        reporter.line(3, Map.of());

        assertThat(reporter.line(3, Map.of("addBatch", 7L))).isEqualTo("[stream] batch 3 phases (ms): addBatch=7;"
                + " writer: -");
    }

    @Test
    void phasesTimedTwiceAddUpAndAPhaseThatFailsIsTimedAndItsErrorPassesOn() {
        PhaseTimes times = new PhaseTimes();
        times.add("pin.write", 5);
        times.time("pin.write", () -> { });
        assertThatThrownBy(() -> times.time("pin.commit", () -> {
            throw new IllegalStateException("another writer");
        })).hasMessage("another writer");

        assertThat(times.millis()).containsOnlyKeys("pin.write", "pin.commit");
        assertThat(times.millis().get("pin.write")).isGreaterThanOrEqualTo(5);
    }
}
