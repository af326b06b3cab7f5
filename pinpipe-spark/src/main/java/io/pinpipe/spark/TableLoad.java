package io.pinpipe.spark;

import io.pinpipe.common.SourceTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Loads one topic into its clean table: read, check (failures to quarantine), clean, one row per {@code ind},
 * merge into the Delta table. Counts what it saw on the way.
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
        Dataset<Row> checked = RecordChecks.withReason(reader.read(table), table, placeholders)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, Long> byReason = reasons(checked);
            Column[] counters = counters(table);
            Row counts = checked.agg(counters[0], Arrays.copyOfRange(counters, 1, counters.length)).head();
            long rowsRead = counts.getLong(0);
            long filesRead = counts.getLong(1);
            Map<String, Long> nulled = new LinkedHashMap<>();
            List<String> placeholderColumns = table == SourceTable.PIN ? placeholders.columns() : List.of();
            for (int i = 0; i < placeholderColumns.size(); i++) {
                nulled.put(placeholderColumns.get(i), counts.isNullAt(2 + i) ? 0L : counts.getLong(2 + i));
            }
            long quarantined = byReason.values().stream().mapToLong(Long::longValue).sum();

            Dataset<Row> distinct = Cleaning.onePerInd(clean(table, RecordChecks.passed(checked), placeholders))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                long distinctRows = distinct.count();
                long inserted = warehouse.mergeByInd(table.shortName(), distinct);
                warehouse.mergeQuarantine(RecordChecks.quarantined(checked, table, topic));
                return new TableQuality(topic, filesRead, rowsRead, byReason,
                        rowsRead - quarantined - distinctRows, distinctRows, inserted, nulled);
            } finally {
                distinct.unpersist();
            }
        } finally {
            checked.unpersist();
        }
    }

    private static Map<String, Long> reasons(Dataset<Row> checked) {
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (Row row : checked.where(col(RecordChecks.REASON).isNotNull()).groupBy(RecordChecks.REASON).count()
                .orderBy(RecordChecks.REASON).collectAsList()) {
            byReason.put(row.getString(0), row.getLong(1));
        }
        return byReason;
    }

    /** Rows, distinct files, then one placeholder counter per pin column that has placeholders. */
    private Column[] counters(SourceTable table) {
        List<Column> columns = new ArrayList<>();
        columns.add(org.apache.spark.sql.functions.count(lit(1)));
        columns.add(count_distinct(col(LakeReader.SOURCE_FILE)));
        if (table == SourceTable.PIN) {
            Column passed = col(RecordChecks.REASON).isNull();
            for (String column : placeholders.columns()) {
                Column isPlaceholder = passed.and(col(column).isin(placeholders.of(column).toArray()));
                columns.add(sum(when(isPlaceholder, 1L).otherwise(0L)));
            }
        }
        return columns.toArray(Column[]::new);
    }
}
