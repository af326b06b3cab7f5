package io.pinpipe.spark;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * The Delta tables under one location: {@code pin}, {@code geo}, {@code user} (the clean tables) and
 * {@code quarantine}. Writes are merges on the table's key, so re-running the job on the same lake changes nothing
 * and a run after more data landed inserts only the new keys.
 */
public final class Warehouse {

    public static final String QUARANTINE = "quarantine";

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
     * Inserts the rows whose {@code ind} the table does not hold yet; creates the table on first use.
     *
     * @param rows one row per {@code ind}
     * @return the number of rows inserted
     */
    public long mergeByInd(String table, Dataset<Row> rows) {
        return merge(table, rows, "t.ind = s.ind");
    }

    /** Inserts quarantined rows not recorded yet (same file, same raw text); returns how many were new. */
    public long mergeQuarantine(Dataset<Row> rows) {
        return merge(QUARANTINE, rows.dropDuplicates("source_file", "record"),
                "t.source_file <=> s.source_file AND t.record <=> s.record");
    }

    /** A table as it is now (all runs so far). */
    public Dataset<Row> read(String table) {
        return spark.read().format("delta").load(tableLocation(table));
    }

    private long merge(String table, Dataset<Row> rows, String condition) {
        String path = tableLocation(table);
        if (!DeltaTable.isDeltaTable(spark, path)) {
            rows.write().format("delta").mode("errorifexists").save(path);
            return spark.read().format("delta").load(path).count();
        }
        DeltaTable target = DeltaTable.forPath(spark, path);
        target.as("t").merge(rows.as("s"), condition).whenNotMatched().insertAll().execute();
        Row last = target.history(1).select("operationMetrics").head();
        Map<String, String> metrics = last.getJavaMap(0);
        return Long.parseLong(metrics.getOrDefault("numTargetRowsInserted", "0"));
    }
}
