package io.pinpipe.spark.stream;

import io.delta.kernel.engine.Engine;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.Topics;
import io.pinpipe.spark.Placeholders;
import io.pinpipe.spark.RecordChecks;
import io.pinpipe.spark.Warehouse;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Writes one micro-batch of the three streaming topics into the stream's Delta tables, with the batch job's
 * checks and cleaning ({@link StreamTable} appends each table's new rows, once per micro-batch id). Quarantined
 * records, rare, are merged on their topic, partition and offset with Spark's Delta writer.
 *
 * <p>The three tables are written side by side, each from a thread of its own. One table's part is a chain of small
 * Spark jobs of one or two tasks each (a topic partition's records, one output file), with driver work between them
 * (planning, Kernel's commit): one table at a time leaves a core idle most of the time. Side by side, the micro-batch
 * uses the cores it has (at 10,000 records/s here: p95 latency 4.2 s instead of 5.3 s, BENCHMARKS.md).
 */
final class MicroBatchWriter implements VoidFunction2<Dataset<Row>, Long> {

    private static final long serialVersionUID = 1L;

    /** Quarantine table columns, in order (the batch's {@code source_file} becomes topic, partition, offset). */
    static final String[] QUARANTINE_KEYS = {KafkaRecords.TOPIC, KafkaRecords.PARTITION, KafkaRecords.OFFSET};

    /**
     * The local property Spark sets on the thread of a streaming query (StreamExecution.QUERY_ID_KEY): the query's
     * id, which its checkpoint keeps.
     */
    private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

    /** The local properties of SparkContext.setJobGroup, which a streaming query sets on its thread. */
    private static final List<String> JOB_GROUP_PROPERTIES = List.of("spark.jobGroup.id", "spark.job.description",
            "spark.job.interruptOnCancel");

    private final transient Warehouse warehouse;
    private final transient Topics topics;
    private final transient Placeholders placeholders;
    private final transient PrintStream out;
    private final transient StreamTotals totals;
    private final transient PhaseReporter phases;
    private final transient Engine kernel;
    private final transient Map<SourceTable, StoredKeys> storedAtStart;
    private final transient ExecutorService tableThreads;
    private transient Map<SourceTable, StreamTable> tables;

    MicroBatchWriter(Warehouse warehouse, Topics topics, Placeholders placeholders, PrintStream out,
                     StreamTotals totals, PhaseReporter phases, Engine kernel,
                     Map<SourceTable, StoredKeys> storedAtStart) {
        this.warehouse = warehouse;
        this.topics = topics;
        this.placeholders = placeholders;
        this.out = out;
        this.totals = totals;
        this.phases = phases;
        this.kernel = kernel;
        this.storedAtStart = storedAtStart;
        AtomicInteger threads = new AtomicInteger();
        int size = SourceTable.values().length;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "pinpipe-stream-table-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        // Started here, not by the first micro-batch: Spark's local properties pass to threads their creator
        // starts, and the query thread's would then stick to them (see inQueryJobGroup).
        pool.prestartAllCoreThreads();
        this.tableThreads = pool;
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) {
        long started = System.nanoTime();
        PhaseTimes times = new PhaseTimes();
        if (tables == null) {
            tables = times.time("open", () -> open(batch));
        }
        // Parsed once for the three tables, each of which reads it twice (counts and keys, then the new rows).
        Dataset<Row> parsed = KafkaRecords.parse(batch, topics).persist(StorageLevel.MEMORY_AND_DISK());
        Map<SourceTable, BatchCounts> counts = new EnumMap<>(SourceTable.class);
        try {
            Map<SourceTable, Future<Checked>> written = new EnumMap<>(SourceTable.class);
            SparkContext spark = batch.sparkSession().sparkContext();
            for (SourceTable table : SourceTable.values()) {
                written.put(table, tableThreads.submit(inQueryJobGroup(spark,
                        () -> write(parsed, table, batchId, times))));
            }
            List<Checked> checked = times.time("tables", () -> await(written));
            checked.forEach(table -> counts.put(table.table(), table.counts()));
            quarantine(checked, times);
        } finally {
            parsed.unpersist();
        }
        totals.add(counts);
        phases.written(batchId, times, counts);
        StringJoiner line = new StringJoiner("; ", "[stream] batch " + batchId + ": ", "");
        counts.forEach((table, count) -> line.add(String.format("%s %,d read, %,d new, %,d quarantined",
                table.shortName(), count.read(), count.inserted(), count.quarantined())));
        out.println(line + String.format(" (%.1f s)", (System.nanoTime() - started) / 1e9));
        out.flush();
    }

    /** One table's part of a micro-batch: its checked records, and what was done with them. */
    private record Checked(SourceTable table, Dataset<Row> records, BatchCounts counts) {
    }

    private Checked write(Dataset<Row> parsed, SourceTable table, long batchId, PhaseTimes times) {
        Dataset<Row> checked = RecordChecks.withReason(KafkaRecords.of(parsed, topics.streaming(table), table),
                table, placeholders);
        Column failed = col(RecordChecks.REASON).isNotNull();
        // The first of the three to run also reads the micro-batch from Kafka and parses it into the cache.
        Row stats = times.time(table.shortName() + ".checks", () -> checked.agg(count(lit(1)),
                sum(when(failed, 1L).otherwise(0L)), collect_set(when(failed.unary_$bang(), col(table.keyColumn()))))
                .head());
        long read = stats.getLong(0);
        long quarantined = stats.isNullAt(1) ? 0 : stats.getLong(1);
        List<Integer> keys = stats.getList(2);
        long inserted = keys.isEmpty() ? 0
                : tables.get(table).append(batchId, checked, read - quarantined, keys, times);
        return new Checked(table, checked, new BatchCounts(read, quarantined, inserted));
    }

    /**
     * {@code task} running its Spark jobs in the query's job group, as the query's own thread does, so that stopping
     * the query cancels them too.
     */
    private static <T> Callable<T> inQueryJobGroup(SparkContext spark, Callable<T> task) {
        Map<String, String> group = new HashMap<>();
        for (String key : JOB_GROUP_PROPERTIES) {
            group.put(key, spark.getLocalProperty(key));
        }
        return () -> {
            group.forEach(spark::setLocalProperty);
            try {
                return task.call();
            } finally {
                group.keySet().forEach(key -> spark.setLocalProperty(key, null));
            }
        };
    }

    /** Every table's outcome, once all three are done (none is left running when one failed). */
    private static List<Checked> await(Map<SourceTable, Future<Checked>> written) {
        List<Checked> done = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<Checked> table : written.values()) {
            try {
                done.add(table.get());
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing a micro-batch", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return done;
    }

    /** One merge for the micro-batch's quarantined records of all tables (concurrent merges would conflict). */
    private void quarantine(List<Checked> checked, PhaseTimes times) {
        checked.stream().filter(table -> table.counts().quarantined() > 0)
                .map(table -> quarantine(table.records()))
                .reduce(Dataset::unionByName)
                .ifPresent(failed -> times.time("quarantine",
                        () -> warehouse.mergeByKeys(Warehouse.QUARANTINE, failed, QUARANTINE_KEYS)));
    }

    /** The tables' writers, made on the query's thread: their commits carry the query's id. */
    private Map<SourceTable, StreamTable> open(Dataset<Row> batch) {
        String queryId = batch.sparkSession().sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
        if (queryId == null) {
            throw new IllegalStateException("no streaming query id on this thread (Spark property "
                    + QUERY_ID_PROPERTY + "): micro-batches cannot be committed exactly once");
        }
        Map<SourceTable, StreamTable> opened = new EnumMap<>(SourceTable.class);
        for (SourceTable table : SourceTable.values()) {
            KernelAppender appender = new KernelAppender(kernel, warehouse.tableLocation(table.shortName()),
                    "pinpipe-stream-" + queryId);
            opened.put(table, new StreamTable(table, warehouse, placeholders, appender, storedAtStart.get(table)));
        }
        return opened;
    }

    /** The failed records in the quarantine table's columns. */
    static Dataset<Row> quarantine(Dataset<Row> checked) {
        return checked.where(col(RecordChecks.REASON).isNotNull()).select(col(KafkaRecords.TOPIC),
                col(KafkaRecords.PARTITION), col(KafkaRecords.OFFSET), col(RecordChecks.REASON),
                col(KafkaRecords.RECORD));
    }
}
