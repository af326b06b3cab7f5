package io.pinpipe.spark.stream;

import io.pinpipe.common.SourceTable;
import io.pinpipe.spark.RecordChecks;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * What the checks found in one micro-batch, for the three tables in one Spark job: per table the records read, how
 * many failed, and the distinct keys of those that passed. The job has one stage: it brings each record's key and
 * verdict to the driver, which counts them (the keys would come to the driver anyway). An aggregation per table
 * took three jobs of two stages each, with a shuffle between them; at a micro-batch a second, the jobs' fixed cost
 * (planning, scheduling, the shuffle's files) was most of their time (BENCHMARKS.md, "Streaming").
 */
final class BatchChecks {

    private static final String TABLE = "table";
    private static final String KEY = "key";
    private static final String FAILED = "failed";

    private BatchChecks() {
    }

    /** One table's records in a micro-batch, as the checks judged them. */
    record Verdicts(long read, long quarantined, List<Integer> keys) {

        long passed() {
            return read - quarantined;
        }
    }

    /** The verdicts of each table's {@code checked} records (raw rows with {@link RecordChecks#REASON}). */
    static Map<SourceTable, Verdicts> of(Map<SourceTable, Dataset<Row>> checked) {
        Dataset<Row> all = null;
        for (Map.Entry<SourceTable, Dataset<Row>> table : checked.entrySet()) {
            Dataset<Row> verdicts = table.getValue().select(lit(table.getKey().ordinal()).as(TABLE),
                    col(table.getKey().keyColumn()).as(KEY), col(RecordChecks.REASON).isNotNull().as(FAILED));
            all = all == null ? verdicts : all.union(verdicts);
        }
        long[] read = new long[SourceTable.values().length];
        long[] failed = new long[read.length];
        List<Set<Integer>> keys = new ArrayList<>();
        for (int table = 0; table < read.length; table++) {
            keys.add(new LinkedHashSet<>());
        }
        for (Row row : all.collectAsList()) {
            int table = row.getInt(0);
            read[table]++;
            if (row.getBoolean(2)) {
                failed[table]++;
            } else {
                keys.get(table).add(row.getInt(1));
            }
        }
        Map<SourceTable, Verdicts> verdicts = new EnumMap<>(SourceTable.class);
        for (SourceTable table : checked.keySet()) {
            int index = table.ordinal();
            verdicts.put(table, new Verdicts(read[index], failed[index], List.copyOf(keys.get(index))));
        }
        return verdicts;
    }
}
