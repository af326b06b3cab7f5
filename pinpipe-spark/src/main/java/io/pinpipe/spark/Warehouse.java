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
        return merge(table, rows, "t.ind = s.ind").inserted();
    }

    /**
     * Like {@link #mergeByInd}, also counting the rows offered, from the commit's own metrics: {@code rows} is
     * computed once, by the merge, never counted separately.
     */
    public Merged mergeByIndCounted(String table, Dataset<Row> rows) {
        return merge(table, rows, "t.ind = s.ind");
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

    private Merged merge(String table, Dataset<Row> rows, String condition) {
        String path = tableLocation(table);
        if (!DeltaTable.isDeltaTable(spark, path)) {
            rows.write().format("delta").mode("errorifexists").save(path);
            long written = metric(DeltaTable.forPath(spark, path), "numOutputRows");
            return new Merged(written, written);
        }
        DeltaTable target = DeltaTable.forPath(spark, path);
        target.as("t").merge(rows.as("s"), condition).whenNotMatched().insertAll().execute();
        return new Merged(metric(target, "numSourceRows"), metric(target, "numTargetRowsInserted"));
    }

    /** A metric of the table's last commit (Delta records them with every write and merge). */
    private static long metric(DeltaTable table, String name) {
        Row last = table.history(1).select("operationMetrics").head();
        Map<String, String> metrics = last.getJavaMap(0);
        return Long.parseLong(metrics.getOrDefault(name, "0"));
    }
}
