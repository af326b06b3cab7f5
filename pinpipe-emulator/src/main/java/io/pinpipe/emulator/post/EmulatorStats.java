package io.pinpipe.emulator.post;

import io.pinpipe.common.SourceTable;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The counters of a run, safe to update from HTTP callback threads and to read while the run goes on. */
public final class EmulatorStats {

    private static final long MAX_LATENCY_MICROS = Duration.ofMinutes(5).toNanos() / 1_000;

    private final LongAdder drawn = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final Map<SourceTable, LongAdder> missing = new EnumMap<>(SourceTable.class);
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Recorder latencies = new Recorder(MAX_LATENCY_MICROS, 3);

    public EmulatorStats() {
        for (SourceTable table : SourceTable.values()) {
            missing.put(table, new LongAdder());
        }
    }

    void drew() {
        drawn.increment();
    }

    void missingRow(SourceTable table) {
        missing.get(table).increment();
    }

    void sending(int records) {
        sent.add(records);
    }

    void acknowledged(int records) {
        acknowledged.add(records);
    }

    void retrying(int records) {
        retried.add(records);
    }

    void failed(String reason) {
        failures.computeIfAbsent(reason, key -> new LongAdder()).increment();
    }

    void answered(long nanos) {
        requests.increment();
        latencies.recordValue(Math.min(Math.max(nanos / 1_000, 1), MAX_LATENCY_MICROS));
    }

    public long drawn() {
        return drawn.sum();
    }

    public long acknowledged() {
        return acknowledged.sum();
    }

    public long failed() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Everything counted so far; call once, at the end (it drains the latency recorder). */
    public EmulatorSummary summary(Duration elapsed) {
        Map<SourceTable, Long> missingRows = new EnumMap<>(SourceTable.class);
        missing.forEach((table, count) -> missingRows.put(table, count.sum()));
        Map<String, Long> failedByReason = new TreeMap<>();
        failures.forEach((reason, count) -> failedByReason.put(reason, count.sum()));
        var histogram = latencies.getIntervalHistogram();
        boolean any = histogram.getTotalCount() > 0;
        return new EmulatorSummary(drawn.sum(), missingRows, sent.sum(), acknowledged.sum(), retried.sum(),
                failedByReason, requests.sum(), elapsed,
                any ? Duration.ofNanos(histogram.getValueAtPercentile(50) * 1_000) : Duration.ZERO,
                any ? Duration.ofNanos(histogram.getValueAtPercentile(99) * 1_000) : Duration.ZERO);
    }
}
