package io.pinpipe.spark.stream;

import io.pinpipe.common.SourceTable;
import io.pinpipe.common.Topics;
import io.pinpipe.spark.Cleaning;
import io.pinpipe.spark.Placeholders;
import io.pinpipe.spark.RecordChecks;
import io.pinpipe.spark.TableLoad;
import io.pinpipe.spark.Warehouse;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Writes one micro-batch of the three streaming topics into the stream's Delta tables, with the batch job's
 * checks and cleaning. Every write is a MERGE that inserts only keys the table lacks, so a micro-batch that Spark
 * replays after a crash (its offsets were read but not yet committed to the checkpoint) inserts nothing twice.
 *
 * <p>Copies of one {@code ind} within a micro-batch reduce to one row as in the batch job; across micro-batches the
 * first row stored wins (the emulator's copies are identical, so both give the same table).
 */
final class MicroBatchWriter implements VoidFunction2<Dataset<Row>, Long> {

    private static final long serialVersionUID = 1L;

    /** Quarantine table columns, in order (the batch's {@code source_file} becomes topic, partition, offset). */
    static final String[] QUARANTINE_KEYS = {KafkaRecords.TOPIC, KafkaRecords.PARTITION, KafkaRecords.OFFSET};

    private final transient Warehouse warehouse;
    private final transient Topics topics;
    private final transient Placeholders placeholders;
    private final transient PrintStream out;
    private final transient StreamTotals totals;

    MicroBatchWriter(Warehouse warehouse, Topics topics, Placeholders placeholders, PrintStream out,
                     StreamTotals totals) {
        this.warehouse = warehouse;
        this.topics = topics;
        this.placeholders = placeholders;
        this.out = out;
        this.totals = totals;
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) {
        long started = System.nanoTime();
        Dataset<Row> records = batch.select(KafkaRecords.TOPIC, KafkaRecords.PARTITION, KafkaRecords.OFFSET, "value")
                .persist(StorageLevel.MEMORY_AND_DISK());
        Map<SourceTable, BatchCounts> counts = new EnumMap<>(SourceTable.class);
        try {
            for (SourceTable table : SourceTable.values()) {
                counts.put(table, write(records, table));
            }
        } finally {
            records.unpersist();
        }
        totals.add(counts);
        StringJoiner line = new StringJoiner("; ", "[stream] batch " + batchId + ": ", "");
        counts.forEach((table, count) -> line.add(String.format("%s %,d read, %,d new, %,d quarantined",
                table.shortName(), count.read(), count.inserted(), count.quarantined())));
        out.println(line + String.format(" (%.1f s)", (System.nanoTime() - started) / 1e9));
        out.flush();
    }

    private BatchCounts write(Dataset<Row> records, SourceTable table) {
        Dataset<Row> checked = RecordChecks.withReason(KafkaRecords.parse(records, topics.streaming(table), table),
                table, placeholders).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Column failed = col(RecordChecks.REASON).isNotNull();
            Column passedKey = when(failed.unary_$bang(), col(table.keyColumn()));
            Row stats = checked.agg(count(lit(1)), sum(when(failed, 1L).otherwise(0L)), min(passedKey),
                    max(passedKey)).head();
            long read = stats.getLong(0);
            long quarantined = stats.isNullAt(1) ? 0 : stats.getLong(1);
            long inserted = 0;
            if (read > quarantined) {
                Dataset<Row> clean = Cleaning.onePerInd(TableLoad.clean(table, RecordChecks.passed(checked),
                        placeholders));
                inserted = warehouse.mergeByInd(table.shortName(), clean, stats.getInt(2), stats.getInt(3));
            }
            if (quarantined > 0) {
                warehouse.mergeByKeys(Warehouse.QUARANTINE, quarantine(checked), QUARANTINE_KEYS);
            }
            return new BatchCounts(read, quarantined, inserted);
        } finally {
            checked.unpersist();
        }
    }

    /** The failed records in the quarantine table's columns. */
    static Dataset<Row> quarantine(Dataset<Row> checked) {
        return checked.where(col(RecordChecks.REASON).isNotNull()).select(col(KafkaRecords.TOPIC),
                col(KafkaRecords.PARTITION), col(KafkaRecords.OFFSET), col(RecordChecks.REASON),
                col(KafkaRecords.RECORD));
    }
}
