package io.pinpipe.emulator.post;

import io.pinpipe.common.SourceTable;

import java.time.Duration;
import java.util.Map;

/**
 * The outcome of a run, in numbers.
 *
 * @param sent         distinct records handed to the gateway (a retry does not count again)
 * @param acknowledged records the gateway confirmed
 * @param retried      record re-sends after retriable failures
 * @param failed       records that finally failed, by reason
 * @param missingRows  drawn row numbers a table has no row for, per table (nothing is sent for them)
 */
public record EmulatorSummary(long drawn, Map<SourceTable, Long> missingRows, long sent, long acknowledged,
                              long retried, Map<String, Long> failed, long requests, Duration elapsed,
                              Duration latencyP50, Duration latencyP99) {

    public long failedTotal() {
        return failed.values().stream().mapToLong(Long::longValue).sum();
    }

    public double recordsPerSecond() {
        return acknowledged / Math.max(elapsed.toNanos() / 1e9, 1e-9);
    }

    /** The summary lines the CLI prints. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("drawn %,d rows; records sent %,d, acknowledged %,d, retried %,d, failed %,d%n",
                drawn, sent, acknowledged, retried, failedTotal()));
        long missing = missingRows.values().stream().mapToLong(Long::longValue).sum();
        if (missing > 0) {
            text.append("rows missing from the source (not sent):");
            for (SourceTable table : SourceTable.values()) {
                text.append(' ').append(table.sqlName()).append(' ').append(missingRows.getOrDefault(table, 0L));
            }
            text.append(String.format("%n"));
        }
        failed.forEach((reason, count) -> text.append(String.format("  failed %,d: %s%n", count, reason)));
        text.append(String.format("%,.0f records/s acknowledged over %.1f s; %,d requests, latency p50 %.1f ms,"
                        + " p99 %.1f ms", recordsPerSecond(), elapsed.toMillis() / 1000.0, requests,
                latencyP50.toNanos() / 1e6, latencyP99.toNanos() / 1e6));
        return text.toString();
    }
}
