package io.pinpipe.spark;

import io.pinpipe.common.SourceTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

/**
 * Loads one topic into its clean table: read, check (failures to quarantine), clean, one row per {@code ind},
 * merge into the Delta table. Counts what it saw on the way.
 *
 * <p>The lake is parsed once: the merge reads it, and the counts (rows, files, quarantined rows, placeholders) are
 * observed on that same pass ({@link LakeTally}); the merge's own metrics say how many rows it was offered and how
 * many were new. Quarantined rows are read a second time only when the counts found some, and kept while they are
 * counted by reason and merged. Nothing else of the topic is cached: caching the raw topic would write all of it to
 * local disk and read it back, which at 10 million records costs more than parsing the JSON, and holds the memory
 * the shuffle needs.
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
        LakeTally tally = new LakeTally(topic, table, placeholders);
        Dataset<Row> distinct = Cleaning.onePerInd(clean(table, RecordChecks.passed(tally.observe(checked)),
                placeholders));
        Warehouse.Merged merged = warehouse.mergeByIndCounted(table.shortName(), distinct);
        LakeTally.Counts counts = tally.counts();
        Dataset<Row> bad = RecordChecks.quarantined(checked, table, topic);
        Map<String, Long> byReason = counts.quarantined() > 0 ? quarantine(bad) : Map.of();
        if (byReason.isEmpty()) {
            // The quarantine table exists after every run, so readers never meet a missing table.
            warehouse.createIfMissing(Warehouse.QUARANTINE, bad.schema());
        }
        return new TableQuality(topic, counts.files(), counts.rows(), byReason,
                counts.rows() - counts.quarantined() - merged.offered(), merged.offered(), merged.inserted(),
                counts.nulled());
    }

    /** Merges the quarantined rows (read once, kept while counted and merged); returns their counts by reason. */
    private Map<String, Long> quarantine(Dataset<Row> bad) {
        Dataset<Row> kept = bad.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, Long> byReason = new TreeMap<>();
            for (Row group : kept.groupBy(col(RecordChecks.REASON)).agg(count(lit(1))).collectAsList()) {
                byReason.put(group.getString(0), group.getLong(1));
            }
            warehouse.mergeQuarantine(kept);
            return byReason;
        } finally {
            kept.unpersist();
        }
    }
}
