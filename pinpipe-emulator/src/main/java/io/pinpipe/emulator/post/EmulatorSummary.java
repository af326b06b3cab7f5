package io.pinpipe.emulator.post;

import io.pinpipe.common.SourceTable;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a run, in numbers.
 *
 * @param sent         distinct records handed to the gateway (a retry does not count again)
 * @param acknowledged records the gateway confirmed
 * @param retried      record re-sends after retriable failures
 * @param failed       records that finally failed, by reason
 * @param missingRows  drawn row numbers a table has no row for, per table (nothing is sent for them)
 * @param requests     HTTP calls made, failovers and retries included
 * @param gateways     per gateway, in the order given
 * @param failovers    calls that moved on to another gateway after one did not answer or answered 5xx
 * @param resentAfterLostAnswer records sent again after a call's answer was lost once sent (not a refused
 *                     connection): the gateway may have written them, so Kafka may hold them twice
 */
public record EmulatorSummary(long drawn, Map<SourceTable, Long> missingRows, long sent, long acknowledged,
                              long retried, Map<String, Long> failed, long requests, List<GatewayCount> gateways,
                              long failovers, long resentAfterLostAnswer, Duration elapsed,
                              Duration latencyP50, Duration latencyP99) {

    /**
     * One gateway's share of the run.
     *
     * @param calls        calls sent to it
     * @param failedCalls  calls it did not answer or answered 5xx
     * @param acknowledged records it acknowledged
     */
    public record GatewayCount(String gateway, long calls, long failedCalls, long acknowledged) {
    }

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
        if (gateways.size() > 1 || failovers > 0 || resentAfterLostAnswer > 0) {
            for (GatewayCount gateway : gateways) {
                text.append(String.format("gateway %s: %,d calls, %,d failed (no answer or 5xx), %,d records"
                        + " acknowledged%n", gateway.gateway(), gateway.calls(), gateway.failedCalls(),
                        gateway.acknowledged()));
            }
            text.append(String.format("failovers %,d; records re-sent after a lost answer %,d (Kafka may hold"
                    + " these twice)%n", failovers, resentAfterLostAnswer));
        }
        text.append(String.format("%,.0f records/s acknowledged over %.1f s; %,d requests, latency p50 %.1f ms,"
                        + " p99 %.1f ms", recordsPerSecond(), elapsed.toMillis() / 1000.0, requests,
                latencyP50.toNanos() / 1e6, latencyP99.toNanos() / 1e6));
        return text.toString();
    }
}
