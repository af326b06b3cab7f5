package io.pinpipe.emulator.source;

import io.pinpipe.common.SourceTable;

import java.time.Duration;
import java.util.Map;

/**
 * What one load did, per table: rows inserted and rows skipped because their key was already there.
 *
 * @param inserted rows written, per table
 * @param skipped  rows whose key the table (or an earlier row of the same input) already held
 */
public record LoadSummary(Map<SourceTable, Long> inserted, Map<SourceTable, Long> skipped, Duration elapsed) {

    public long totalInserted() {
        return inserted.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalSkipped() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    public double rowsPerSecond() {
        double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        return (totalInserted() + totalSkipped()) / seconds;
    }

    /** One line per table and a total, e.g. {@code pinterest_data: 4614 inserted, 0 skipped}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (SourceTable table : SourceTable.values()) {
            if (inserted.containsKey(table)) {
                text.append(String.format("%-17s %,10d inserted %,10d already present (skipped)%n",
                        table.sqlName() + ":", inserted.get(table), skipped.getOrDefault(table, 0L)));
            }
        }
        text.append(String.format("loaded %,d rows (%,d skipped) in %.1f s: %,.0f rows/s", totalInserted(),
                totalSkipped(), elapsed.toMillis() / 1000.0, rowsPerSecond()));
        return text.toString();
    }
}
