package io.pinpipe.spark.stream;

import io.pinpipe.common.SourceTable;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the job has done since it started, per table; written by the query thread, read at exit. */
final class StreamTotals {

    private final Map<SourceTable, BatchCounts> byTable = new EnumMap<>(SourceTable.class);
    private long batches;

    synchronized void add(Map<SourceTable, BatchCounts> counts) {
        batches++;
        counts.forEach((table, count) -> byTable.merge(table, count, BatchCounts::plus));
    }

    synchronized long batches() {
        return batches;
    }

    synchronized BatchCounts total() {
        return byTable.values().stream().reduce(BatchCounts.NONE, BatchCounts::plus);
    }

    /** {@code pin 1,000, geo 1,000, user 990}: new rows per table. */
    synchronized String insertedPerTable() {
        return Stream.of(SourceTable.values()).map(table -> String.format("%s %,d", table.shortName(),
                byTable.getOrDefault(table, BatchCounts.NONE).inserted())).collect(Collectors.joining(", "));
    }
}
