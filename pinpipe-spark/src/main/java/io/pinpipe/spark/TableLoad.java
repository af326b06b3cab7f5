package io.pinpipe.spark;

import io.pinpipe.common.SourceTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Loads one topic into its clean table: read, check (failures to quarantine), clean, one row per {@code ind},
 * merge into the Delta table. Counts what it saw on the way.
 *
 * <p>The lake is read twice and nothing of it is cached: once for the counts (one aggregation, a few rows per lake
 * file) and once by the merge, which cleans and de-duplicates on the way and reports how many rows it was offered.
 * Quarantined rows are read a third time only when the counts found some. Caching the raw topic instead would
 * write all of it to local disk and read it back several times, which at 10 million records costs more than
 * parsing the JSON again, and holds the memory the shuffle needs.
 */
public final class TableLoad {

    private final LakeReader reader;
    private final Warehouse warehouse;
    private final Placeholders placeholders;

    public TableLoad(LakeReader reader, Warehouse warehouse, Placeholders placeholders) {
        this.reader = reader;
        this.warehouse = warehouse;
        this.placeholders = placeholders;
    }

    /** Cleans a raw dataset of {@code table} (the function a streaming job shares too). */
    public static Dataset<Row> clean(SourceTable table, Dataset<Row> passed, Placeholders placeholders) {
        return switch (table) {
            case PIN -> Cleaning.cleanPins(passed, placeholders);
            case GEO -> Cleaning.cleanGeo(passed);
            case USER -> Cleaning.cleanUsers(passed);
        };
    }

    public TableQuality load(SourceTable table, String topic) {
        Dataset<Row> checked = RecordChecks.withReason(reader.read(table), table, placeholders);
        Tally tally = tally(checked, table);
        long quarantined = tally.byReason.values().stream().mapToLong(Long::longValue).sum();

        Dataset<Row> distinct = Cleaning.onePerInd(clean(table, RecordChecks.passed(checked), placeholders));
        Warehouse.Merged merged = warehouse.mergeByIndCounted(table.shortName(), distinct);
        Dataset<Row> bad = RecordChecks.quarantined(checked, table, topic);
        // With nothing to quarantine, an empty merge (limit 0 reads nothing) still creates the table on first use.
        warehouse.mergeQuarantine(quarantined > 0 ? bad : bad.limit(0));
        return new TableQuality(topic, tally.files.size(), tally.rows, tally.byReason,
                tally.rows - quarantined - merged.offered(), merged.offered(), merged.inserted(), tally.nulled);
    }

    /** Counts of one topic, from one aggregation by (reason, file). */
    private static final class Tally {
        private final Set<String> files = new HashSet<>();
        private final Map<String, Long> byReason = new TreeMap<>();
        private final Map<String, Long> nulled = new LinkedHashMap<>();
        private long rows;
    }

    /**
     * Rows, files, rows per reason and placeholders per column in one pass: grouped by reason and file, so the
     * driver receives a few rows per lake file and adds them up.
     */
    private Tally tally(Dataset<Row> checked, SourceTable table) {
        List<String> placeholderColumns = table == SourceTable.PIN ? placeholders.columns() : List.of();
        List<Column> counters = new ArrayList<>();
        for (String column : placeholderColumns) {
            counters.add(sum(when(col(column).isin(placeholders.of(column).toArray()), 1L).otherwise(0L)));
        }
        List<Row> groups = checked.groupBy(col(RecordChecks.REASON), col(LakeReader.SOURCE_FILE))
                .agg(count(lit(1)), counters.toArray(Column[]::new)).collectAsList();

        Tally tally = new Tally();
        for (String column : placeholderColumns) {
            tally.nulled.put(column, 0L);
        }
        for (Row group : groups) {
            String reason = group.getString(0);
            long rows = group.getLong(2);
            tally.rows += rows;
            if (!group.isNullAt(1)) {
                tally.files.add(group.getString(1));
            }
            if (reason != null) {
                tally.byReason.merge(reason, rows, Long::sum);
                continue;
            }
            for (int i = 0; i < placeholderColumns.size(); i++) {
                long values = group.isNullAt(3 + i) ? 0L : group.getLong(3 + i);
                tally.nulled.merge(placeholderColumns.get(i), values, Long::sum);
            }
        }
        return tally;
    }
}
