package io.pinpipe.spark;

import io.pinpipe.common.SourceTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * What the load of one topic saw in the lake, counted on the pass that loads it: rows, the files they came from,
 * rows that failed a check, and the placeholders of the rows that passed, per column.
 */
final class LakeTally {

    private static final String ROWS = "rows";
    private static final String QUARANTINED = "quarantined";
    private static final String FILES = "files";

    private final SourceTable table;
    private final Placeholders placeholders;
    private final Observed observed;

    LakeTally(String topic, SourceTable table, Placeholders placeholders) {
        this.table = table;
        this.placeholders = placeholders;
        this.observed = new Observed("the lake rows of " + topic);
    }

    /** The counts of one topic. */
    record Counts(long rows, long quarantined, long files, Map<String, Long> nulled) {
    }

    /** {@code checked} (raw rows with {@link RecordChecks#REASON}), counted by whatever action reads it. */
    Dataset<Row> observe(Dataset<Row> checked) {
        Column passed = col(RecordChecks.REASON).isNull();
        List<Column> counters = new ArrayList<>();
        counters.add(sum(when(passed, 0L).otherwise(1L)).as(QUARANTINED));
        // The set of file names, not its size: distinct aggregates cannot be observed. A few per lake file.
        counters.add(collect_set(col(LakeReader.SOURCE_FILE)).as(FILES));
        for (String column : placeholderColumns()) {
            Column placeholder = col(column).isin(placeholders.of(column).toArray());
            counters.add(sum(when(passed.and(placeholder), 1L).otherwise(0L)).as(column));
        }
        return observed.on(checked, count(lit(1)).as(ROWS), counters.toArray(Column[]::new));
    }

    /** The counts, once the dataset {@link #observe} returned has been read. */
    Counts counts() {
        Map<String, Long> nulled = new LinkedHashMap<>();
        for (String column : placeholderColumns()) {
            nulled.put(column, observed.count(column));
        }
        long files = CollectionConverters.asJava((scala.collection.Seq<?>) observed.metrics().get(FILES)).size();
        return new Counts(observed.count(ROWS), observed.count(QUARANTINED), files, nulled);
    }

    private List<String> placeholderColumns() {
        return table == SourceTable.PIN ? placeholders.columns() : List.of();
    }
}
