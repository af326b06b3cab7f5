package io.pinpipe.spark.stream;

import io.delta.kernel.Transaction;
import io.delta.kernel.utils.DataFileStatus;
import io.pinpipe.common.SourceTable;
import io.pinpipe.spark.Cleaning;
import io.pinpipe.spark.Placeholders;
import io.pinpipe.spark.RecordChecks;
import io.pinpipe.spark.TableLoad;
import io.pinpipe.spark.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

/**
 * One clean table of the streaming job: appends a micro-batch's new rows. Spark cleans them and writes their
 * Parquet file; {@link KernelAppender} commits it, once per micro-batch id. Only keys the table lacks are appended
 * ({@link StoredKeys}), so the table keeps one row per {@code ind}: the first stored, as the batch job's merge does.
 */
final class StreamTable {

    private final SourceTable table;
    private final Warehouse warehouse;
    private final Placeholders placeholders;
    private final KernelAppender appender;
    private StoredKeys stored;

    StreamTable(SourceTable table, Warehouse warehouse, Placeholders placeholders, KernelAppender appender,
                StoredKeys stored) {
        this.table = table;
        this.warehouse = warehouse;
        this.placeholders = placeholders;
        this.appender = appender;
        this.stored = stored;
    }

    /**
     * Appends the rows of {@code checked} that passed the checks and whose key the table lacks.
     *
     * @param passedRows how many rows passed the checks
     * @param keys       the distinct keys of the rows that passed
     * @param times      where the phases' durations go ({@code <table>.begin}, {@code .write}, {@code .commit}, ...)
     * @return the number of rows appended
     */
    long append(long batchId, Dataset<Row> checked, long passedRows, List<Integer> keys, PhaseTimes times) {
        String name = table.shortName();
        Optional<Transaction> transaction = times.time(name + ".begin", () -> appender.begin(batchId));
        if (transaction.isEmpty()) {
            return 0; // committed before a crash: the table holds this micro-batch's rows
        }
        if (appender.othersCommittedBefore(transaction.get())) {
            stored = times.time(name + ".reload", () -> StoredKeys.of(warehouse.read(name)));
        }
        int[] storedAlready = stored.storedOf(keys);
        if (storedAlready.length == keys.size()) {
            return 0;
        }
        Dataset<Row> passed = RecordChecks.passed(checked);
        if (storedAlready.length > 0) {
            // A join, not a literal list: after a lost checkpoint every key of a large micro-batch may be stored.
            Dataset<Integer> skip = checked.sparkSession().createDataset(
                    Arrays.stream(storedAlready).boxed().toList(), Encoders.INT());
            passed = passed.join(broadcast(skip), col(table.keyColumn()).equalTo(skip.col("value")), "left_anti");
        }
        Dataset<Row> clean = TableLoad.clean(table, passed, placeholders);
        // Without copies of a key in the micro-batch, the batch job's one-row-per-ind (a shuffle and a sort) would
        // change nothing.
        if (passedRows != keys.size()) {
            clean = Cleaning.onePerInd(clean);
        }
        // One file per micro-batch, in a folder of its own per attempt: a crashed attempt's file (never committed)
        // is left for VACUUM, as Delta leaves those of any failed write.
        String folder = warehouse.tableLocation(name) + "/stream-" + batchId + "-" + UUID.randomUUID();
        Dataset<Row> written = clean;
        times.time(name + ".write", () -> written.coalesce(1).write().parquet(folder));
        List<DataFileStatus> files = times.time(name + ".stats", () -> WrittenFiles.in(folder, StoredKeys.KEY,
                checked.sparkSession().sparkContext().hadoopConfiguration()));
        times.time(name + ".commit", () -> appender.commit(transaction.get(), files));
        stored.addAll(keys);
        return WrittenFiles.rows(files);
    }
}
