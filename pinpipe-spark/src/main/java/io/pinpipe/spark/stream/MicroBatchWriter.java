package io.pinpipe.spark.stream;

import io.delta.kernel.engine.Engine;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.Topics;
import io.pinpipe.spark.Placeholders;
import io.pinpipe.spark.RecordChecks;
import io.pinpipe.spark.Warehouse;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import java.io.PrintStream;
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

/**
 * Writes one micro-batch of the three streaming topics into the stream's Delta tables, with the batch job's
 * checks and cleaning ({@link StreamTable} appends each table's new rows, once per micro-batch id). Quarantined
 * records, rare, are merged on their topic, partition and offset with Spark's Delta writer.
 *
 * <p>The micro-batch is read from Kafka and parsed once, into a cache, by the one Spark job that checks the three
 * tables' records ({@link BatchChecks}). Then the three tables are written side by side, each from a thread of its
 * own. One table's part is a small Spark job (one output file) with driver work around it (planning, Kernel's log
 * read and commit): one table at a time leaves a core idle most of the time. Side by side, the micro-batch uses the
 * cores it has (at 10,000 records/s here: p95 latency 4.2 s instead of 5.3 s, BENCHMARKS.md).
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
        // Parsed once for the three tables, each of which reads it twice (the checks, then the new rows).
        Dataset<Row> parsed = KafkaRecords.parse(batch, topics).persist(StorageLevel.MEMORY_AND_DISK());
        Map<SourceTable, BatchCounts> counts = new EnumMap<>(SourceTable.class);
        try {
            Map<SourceTable, Dataset<Row>> checked = new EnumMap<>(SourceTable.class);
            for (SourceTable table : SourceTable.values()) {
                checked.put(table, RecordChecks.withReason(KafkaRecords.of(parsed, topics.streaming(table), table),
                        table, placeholders));
            }
            // The one job that reads the micro-batch from Kafka, parses it into the cache and checks it.
            Map<SourceTable, BatchChecks.Verdicts> verdicts = times.time("checks", () -> BatchChecks.of(checked));
            Map<SourceTable, Long> inserted = times.time("tables", () -> append(batch, batchId, checked, verdicts,
                    times));
            verdicts.forEach((table, verdict) -> counts.put(table, new BatchCounts(verdict.read(),
                    verdict.quarantined(), inserted.getOrDefault(table, 0L))));
            quarantine(batch, checked, counts, times);
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

    /** Appends each table's new rows, the tables side by side; returns the rows appended per table. */
    private Map<SourceTable, Long> append(Dataset<Row> batch, long batchId, Map<SourceTable, Dataset<Row>> checked,
                                          Map<SourceTable, BatchChecks.Verdicts> verdicts, PhaseTimes times) {
        Map<SourceTable, Future<Long>> appended = new EnumMap<>(SourceTable.class);
        SparkContext spark = batch.sparkSession().sparkContext();
        verdicts.forEach((table, verdict) -> {
            if (!verdict.keys().isEmpty()) {
                appended.put(table, tableThreads.submit(inQueryJobGroup(spark, () -> tables.get(table)
                        .append(batchId, checked.get(table), verdict.passed(), verdict.keys(), times))));
            }
        });
        return await(appended);
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

    /** Every table's outcome, once all are done (none is left running when one failed). */
    private static Map<SourceTable, Long> await(Map<SourceTable, Future<Long>> appended) {
        Map<SourceTable, Long> done = new EnumMap<>(SourceTable.class);
        RuntimeException failure = null;
        for (Map.Entry<SourceTable, Future<Long>> table : appended.entrySet()) {
            try {
                done.put(table.getKey(), table.getValue().get());
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
    private void quarantine(Dataset<Row> batch, Map<SourceTable, Dataset<Row>> checked,
                            Map<SourceTable, BatchCounts> counts, PhaseTimes times) {
        counts.keySet().stream().filter(table -> counts.get(table).quarantined() > 0)
                .map(table -> quarantine(batch, checked.get(table)))
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
    static Dataset<Row> quarantine(Dataset<Row> batch, Dataset<Row> checked) {
        Dataset<Row> failed = checked.where(col(RecordChecks.REASON).isNotNull()).select(col(KafkaRecords.TOPIC),
                col(KafkaRecords.PARTITION), col(KafkaRecords.OFFSET), col(RecordChecks.REASON));
        return KafkaRecords.texts(batch, failed).select(col(KafkaRecords.TOPIC), col(KafkaRecords.PARTITION),
                col(KafkaRecords.OFFSET), col(RecordChecks.REASON), col(KafkaRecords.RECORD));
    }
}
