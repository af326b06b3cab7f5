package io.pinpipe.spark;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

/**
 * The Delta tables under one location: {@code pin}, {@code geo}, {@code user} (the clean tables) and
 * {@code quarantine}. Writes are merges on the table's key, so re-running the job on the same lake changes nothing
 * and a run after more data landed inserts only the new keys.
 */
public final class Warehouse {

    public static final String QUARANTINE = "quarantine";

    private static final String ROWS = "rows";

    private final SparkSession spark;
    private final String location;

    public Warehouse(SparkSession spark, String location) {
        this.spark = spark;
        this.location = location;
    }

    public String tableLocation(String table) {
        return location + "/" + table;
    }

    /**
     * Inserts the rows whose {@code ind} the table does not hold yet (creating the table on first use), and counts
     * the rows offered on the way: {@code rows} (one row per {@code ind}) is computed once, by the merge, never
     * counted separately.
     */
    public Merged mergeByIndCounted(String table, Dataset<Row> rows) {
        return merge(table, rows, "t.ind = s.ind");
    }

    /**
     * Inserts the rows whose key columns match no row of the table yet; for tables keyed otherwise than by
     * {@code ind} (the stream's quarantine is keyed by topic, partition and offset).
     */
    public long mergeByKeys(String table, Dataset<Row> rows, String... keys) {
        StringBuilder condition = new StringBuilder();
        for (String key : keys) {
            condition.append(condition.length() == 0 ? "" : " AND ").append("t.`").append(key).append("` = s.`")
                    .append(key).append('`');
        }
        // Not counted by observation: inside a stream's foreachBatch Spark reports no observed metrics.
        String path = tableLocation(table);
        if (!DeltaTable.isDeltaTable(spark, path)) {
            rows.write().format("delta").mode("errorifexists").save(path);
            return metric(DeltaTable.forPath(spark, path), "numOutputRows");
        }
        return insertNew(path, rows, condition.toString());
    }

    /** Creates an empty table with this schema unless the location already holds one. */
    public void createIfMissing(String table, StructType schema) {
        String path = tableLocation(table);
        if (!DeltaTable.isDeltaTable(spark, path)) {
            spark.createDataFrame(List.of(), schema).write().format("delta").mode("ignore").save(path);
        }
    }

    /** Inserts quarantined rows not recorded yet (same file, same raw text); returns how many were new. */
    public long mergeQuarantine(Dataset<Row> rows) {
        return merge(QUARANTINE, rows.dropDuplicates("source_file", "record"),
                "t.source_file <=> s.source_file AND t.record <=> s.record").inserted();
    }

    /**
     * What a merge did.
     *
     * @param offered  rows of the source
     * @param inserted rows the table did not hold before
     */
    public record Merged(long offered, long inserted) {
    }

    /** A table as it is now (all runs so far). */
    public Dataset<Row> read(String table) {
        return spark.read().format("delta").load(tableLocation(table));
    }

    /**
     * The merge (or the first write) counts its source rows as it reads them, and a merge answers with its own
     * metrics: no second read of the source, none of the table's history.
     */
    private Merged merge(String table, Dataset<Row> rows, String condition) {
        String path = tableLocation(table);
        Observed source = new Observed("the rows written to " + path);
        Dataset<Row> counted = source.on(rows, count(lit(1)).as(ROWS));
        if (!DeltaTable.isDeltaTable(spark, path)) {
            counted.write().format("delta").mode("errorifexists").save(path);
            long written = source.count(ROWS);
            return new Merged(written, written);
        }
        long inserted = insertNew(path, counted, condition);
        return new Merged(source.count(ROWS), inserted);
    }

    /** Inserts the source rows no target row matches; the merge answers with its own metrics. */
    private long insertNew(String path, Dataset<Row> rows, String condition) {
        Row metrics = DeltaTable.forPath(spark, path).as("t").merge(rows.as("s"), condition).whenNotMatched()
                .insertAll().execute().select("num_inserted_rows").head();
        return metrics.isNullAt(0) ? 0 : metrics.getLong(0);
    }

    /** A metric of the table's last commit (Delta records them with every write and merge). */
    private static long metric(DeltaTable table, String name) {
        Row last = table.history(1).select("operationMetrics").head();
        Map<String, String> metrics = last.getJavaMap(0);
        return Long.parseLong(metrics.getOrDefault(name, "0"));
    }
}
