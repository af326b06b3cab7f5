package io.pinpipe.spark.stream;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.pinpipe.common.SourceTable;
import io.pinpipe.spark.Placeholders;
import io.pinpipe.spark.RawSchemas;
import io.pinpipe.spark.TableLoad;
import io.pinpipe.spark.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The streaming twin of the batch job: one Structured Streaming query reads the three streaming topics and writes
 * every micro-batch into the stream's Delta tables through {@link MicroBatchWriter}. One query (rather than one per
 * topic) keeps one checkpoint, one writer of the shared quarantine table, and one set of Spark tasks on a small
 * machine.
 *
 * <p>Exactly once across restarts: the checkpoint records which offsets' micro-batch was committed; a restart
 * replays the last uncommitted micro-batch, whose table commits carry its id and are not made twice, and rows
 * append only for keys the tables lack. A new checkpoint starts at the topics' earliest offsets.
 */
public final class StreamJob {

    /** The stream quarantine's columns: where the record came from, why it failed, its text. */
    public static final StructType QUARANTINE_SCHEMA = new StructType()
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("reason", DataTypes.StringType)
            .add("record", DataTypes.StringType);

    private final SparkSession spark;
    private final StreamOptions options;
    private final PrintStream out;
    private final StreamTotals totals = new StreamTotals();
    private final PhaseReporter phases;

    public StreamJob(SparkSession spark, StreamOptions options, PrintStream out) {
        this.spark = spark;
        this.options = options;
        this.out = out;
        this.phases = new PhaseReporter(out);
    }

    /** Creates the tables that do not exist yet and starts the query; it runs until stopped (or drained). */
    public StreamingQuery start() throws TimeoutException {
        MicroBatchWriter writer = writer();
        spark.streams().addListener(new LagReporter(out));
        if (options.phaseTimes()) {
            spark.streams().addListener(phases);
        }
        DataStreamReader reader = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", options.bootstrapServers())
                .option("subscribe", String.join(",", options.topics().streamingTopics()))
                .option("startingOffsets", "earliest")
                // A topic's records must not vanish unseen (retention, a recreated topic): fail, naming them.
                .option("failOnDataLoss", "true")
                .options(options.kafka().sourceOptions());
        if (options.maxRecordsPerBatch() > 0) {
            reader = reader.option("maxOffsetsPerTrigger", Long.toString(options.maxRecordsPerBatch()));
        }
        Dataset<Row> records = reader.load();
        Trigger trigger = options.availableNow() ? Trigger.AvailableNow()
                : Trigger.ProcessingTime(options.trigger().toMillis());
        return records.writeStream()
                .queryName("pinpipe-stream")
                .option("checkpointLocation", options.checkpoint())
                .trigger(trigger)
                .foreachBatch(writer)
                .start();
    }

    /**
     * The writer of the query's micro-batches, with the tables created and the keys they hold loaded (what the
     * tables hold at the start, so exactly what their commits say after any crash).
     */
    MicroBatchWriter writer() {
        Placeholders placeholders = Placeholders.of(options.extendedPlaceholders());
        Warehouse warehouse = new Warehouse(spark, options.warehouse());
        createTables(warehouse, placeholders);
        Map<SourceTable, StoredKeys> stored = new EnumMap<>(SourceTable.class);
        for (SourceTable table : SourceTable.values()) {
            stored.put(table, StoredKeys.of(warehouse.read(table.shortName())));
        }
        Engine kernel = DefaultEngine.create(spark.sparkContext().hadoopConfiguration());
        return new MicroBatchWriter(warehouse, options.topics(), placeholders, out, totals, phases, kernel, stored);
    }

    /** What the job did so far. */
    StreamTotals totals() {
        return totals;
    }

    /** The tables exist from the start, so readers (and the demo) find them before the first record arrives. */
    private void createTables(Warehouse warehouse, Placeholders placeholders) {
        for (SourceTable table : List.of(SourceTable.values())) {
            StructType clean = TableLoad.clean(table, spark.createDataFrame(List.of(), RawSchemas.of(table)),
                    placeholders).schema();
            warehouse.createIfMissing(table.shortName(), clean);
        }
        warehouse.createIfMissing(Warehouse.QUARANTINE, QUARANTINE_SCHEMA);
    }
}
