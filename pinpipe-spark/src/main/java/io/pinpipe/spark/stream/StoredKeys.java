package io.pinpipe.spark.stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.roaringbitmap.RoaringBitmap;

import java.util.Collection;

import static org.apache.spark.sql.functions.col;

/**
 * The {@code ind} values one clean table holds, kept by the streaming job so that a micro-batch appends only rows
 * the table lacks (the emulator repeats rows; the table keeps one per {@code ind}, the first stored). Loaded from
 * the table when the job starts, so it is exactly what the table's commits say after any crash. A compressed
 * bitmap: a million keys take about a megabyte.
 */
final class StoredKeys {

    /** The clean tables' key (the pin topic's records call it {@code index}). */
    static final String KEY = "ind";

    private final RoaringBitmap keys;

    private StoredKeys(RoaringBitmap keys) {
        this.keys = keys;
    }

    /** The keys of {@code table} (a clean table, keyed by {@code ind}). */
    static StoredKeys of(Dataset<Row> table) {
        RoaringBitmap keys = new RoaringBitmap();
        table.select(col(KEY)).where(col(KEY).isNotNull()).as(Encoders.INT()).toLocalIterator()
                .forEachRemaining(keys::add);
        return new StoredKeys(keys);
    }

    /** Those of {@code candidates} the table holds already. */
    int[] storedOf(Collection<Integer> candidates) {
        return candidates.stream().filter(keys::contains).mapToInt(Integer::intValue).toArray();
    }

    void addAll(Collection<Integer> added) {
        added.forEach(keys::add);
    }
}
