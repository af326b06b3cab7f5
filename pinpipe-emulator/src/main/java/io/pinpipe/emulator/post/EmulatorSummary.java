package io.pinpipe.emulator.post;

import io.pinpipe.common.SourceTable;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a run, in numbers. Every record sent ends in exactly one of acknowledged, failed or in doubt.
 *
 * @param sent         distinct records handed to the gateways (a retry or failover does not count again)
 * @param acknowledged records a gateway confirmed
 * @param retried      record re-sends after retriable failures
 * @param failed       records that finally failed, by reason
 * @param inDoubt      records sent whose answer never came (they may have been written; never sent again), by reason
 * @param failovers    requests that went on to another gateway after one refused the connection
 * @param gateways     per gateway, in the order given
 * @param missingRows  drawn row numbers a table has no row for, per table (nothing is sent for them)
 */
public record EmulatorSummary(long drawn, Map<SourceTable, Long> missingRows, long sent, long acknowledged,
                              long retried, Map<String, Long> failed, Map<String, Long> inDoubt, long failovers,
                              List<GatewayCount> gateways, long requests, Duration elapsed, Duration latencyP50,
                              Duration latencyP99) {

    public long failedTotal() {
        return failed.values().stream().mapToLong(Long::longValue).sum();
    }

    public long inDoubtTotal() {
        return inDoubt.values().stream().mapToLong(Long::longValue).sum();
    }

    public double recordsPerSecond() {
        return acknowledged / Math.max(elapsed.toNanos() / 1e9, 1e-9);
    }

    /** The summary lines the CLI prints. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("drawn %,d rows; records sent %,d, acknowledged %,d, retried %,d, failed %,d",
                drawn, sent, acknowledged, retried, failedTotal()));
        long doubtful = inDoubtTotal();
        text.append(doubtful > 0 ? String.format(", in doubt %,d%n", doubtful) : String.format("%n"));
        long missing = missingRows.values().stream().mapToLong(Long::longValue).sum();
        if (missing > 0) {
            text.append("rows missing from the source (not sent):");
            for (SourceTable table : SourceTable.values()) {
                text.append(' ').append(table.sqlName()).append(' ').append(missingRows.getOrDefault(table, 0L));
            }
            text.append(String.format("%n"));
        }
        failed.forEach((reason, count) -> text.append(String.format("  failed %,d: %s%n", count, reason)));
        inDoubt.forEach((reason, count) -> text.append(String.format("  in doubt %,d (sent, not sent again; Kafka"
                + " may hold them once or not at all): %s%n", count, reason)));
        if (gateways.size() > 1 || failovers > 0 || doubtful > 0) {
            for (GatewayCount gateway : gateways) {
                text.append(String.format("gateway %s: %,d requests answered, %,d connections refused, %,d records"
                                + " acknowledged, %,d in doubt%n", gateway.gateway(), gateway.answered(),
                        gateway.refused(), gateway.acknowledged(), gateway.inDoubt()));
            }
            text.append(String.format("failovers %,d%n", failovers));
        }
        text.append(String.format("%,.0f records/s acknowledged over %.1f s; %,d requests, latency p50 %.1f ms,"
                        + " p99 %.1f ms", recordsPerSecond(), elapsed.toMillis() / 1000.0, requests,
                latencyP50.toNanos() / 1e6, latencyP99.toNanos() / 1e6));
        return text.toString();
    }

    /**
     * One gateway's share of the run.
     *
     * @param gateway      its base URL, user-info hidden
     * @param answered     requests it answered (any status)
     * @param refused      connections it refused or did not accept in time (each one a failover or a retry)
     * @param acknowledged records it confirmed
     * @param inDoubt      records sent to it whose answer never came
     */
    public record GatewayCount(String gateway, long answered, long refused, long acknowledged, long inDoubt) {
    }
}
