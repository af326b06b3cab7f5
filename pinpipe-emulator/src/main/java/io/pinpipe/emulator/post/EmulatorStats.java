package io.pinpipe.emulator.post;

import io.pinpipe.common.SourceTable;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The counters of a run, safe to update from sender threads and to read while the run goes on. */
public final class EmulatorStats {

    private static final long MAX_LATENCY_MICROS = Duration.ofMinutes(5).toNanos() / 1_000;

    private final LongAdder drawn = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder failovers = new LongAdder();
    private final Map<SourceTable, LongAdder> missing = new EnumMap<>(SourceTable.class);
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> doubts = new ConcurrentHashMap<>();
    private final List<String> gatewayNames;
    private final List<GatewayCounters> gateways = new ArrayList<>();
    private final Recorder latencies = new Recorder(MAX_LATENCY_MICROS, 3);

    /** @param gatewayNames the gateways as the summary names them, in the order of the options */
    public EmulatorStats(List<String> gatewayNames) {
        this.gatewayNames = List.copyOf(gatewayNames);
        for (int i = 0; i < gatewayNames.size(); i++) {
            gateways.add(new GatewayCounters());
        }
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

    void acknowledged(int gateway, int records) {
        acknowledged.add(records);
        gateways.get(gateway).acknowledged.add(records);
    }

    void retrying(int records) {
        retried.add(records);
    }

    void failed(String reason) {
        failures.computeIfAbsent(reason, key -> new LongAdder()).increment();
    }

    /** Records sent to {@code gateway} whose answer never came: they may have been written; never sent again. */
    void inDoubt(int gateway, int records, String reason) {
        doubts.computeIfAbsent(reason, key -> new LongAdder()).add(records);
        gateways.get(gateway).inDoubt.add(records);
    }

    void answered(int gateway, long nanos) {
        requests.increment();
        gateways.get(gateway).answered.increment();
        latencies.recordValue(Math.min(Math.max(nanos / 1_000, 1), MAX_LATENCY_MICROS));
    }

    void refused(int gateway) {
        gateways.get(gateway).refused.increment();
    }

    void failedOver() {
        failovers.increment();
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
        List<EmulatorSummary.GatewayCount> perGateway = new ArrayList<>();
        for (int i = 0; i < gateways.size(); i++) {
            GatewayCounters counters = gateways.get(i);
            perGateway.add(new EmulatorSummary.GatewayCount(gatewayNames.get(i), counters.answered.sum(),
                    counters.refused.sum(), counters.acknowledged.sum(), counters.inDoubt.sum()));
        }
        var histogram = latencies.getIntervalHistogram();
        boolean any = histogram.getTotalCount() > 0;
        return new EmulatorSummary(drawn.sum(), missingRows, sent.sum(), acknowledged.sum(), retried.sum(),
                sums(failures), sums(doubts), failovers.sum(), perGateway, requests.sum(), elapsed,
                any ? Duration.ofNanos(histogram.getValueAtPercentile(50) * 1_000) : Duration.ZERO,
                any ? Duration.ofNanos(histogram.getValueAtPercentile(99) * 1_000) : Duration.ZERO);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> byReason) {
        Map<String, Long> sums = new TreeMap<>();
        byReason.forEach((reason, count) -> sums.put(reason, count.sum()));
        return sums;
    }

    private static final class GatewayCounters {
        final LongAdder answered = new LongAdder();
        final LongAdder refused = new LongAdder();
        final LongAdder acknowledged = new LongAdder();
        final LongAdder inDoubt = new LongAdder();
    }
}
