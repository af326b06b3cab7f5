package io.pinpipe.spark.stream;

import io.pinpipe.common.process.LockFile;
import io.pinpipe.spark.JobArguments;
import io.pinpipe.spark.SparkSessions;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The streaming job's entry point, for {@code spark-submit --class io.pinpipe.spark.stream.StreamMain
 * pinpipe-spark-job.jar --warehouse ...} and for {@code pinpipe stream} (which starts it in a child JVM). Runs until
 * SIGTERM (or, with {@code --available-now true}, until the topics are drained), then prints a summary. Exit code 0
 * on success, 2 for bad options, 1 when the query failed or another job holds the warehouse ({@link WriterLock}).
 */
public final class StreamMain {

    /** Runs before Spark's own shutdown hook (priority 40), which would stop the context under the query. */
    private static final int STOP_QUERY_PRIORITY = 50;

    private StreamMain() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the job with these arguments; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        JobArguments.Read<StreamOptions> read = JobArguments.read("pinpipe stream", args, StreamOptions.usage(),
                StreamOptions::parse, out, err);
        if (read.ended()) {
            return read.exitCode();
        }
        StreamOptions options = read.options();
        Optional<LockFile> lock;
        try {
            lock = WriterLock.acquire(options.warehouse());
        } catch (WriterLock.WarehouseBusyException e) {
            err.println("pinpipe stream: " + e.getMessage());
            return 1;
        }
        if (lock.isEmpty()) {
            out.println("pinpipe stream: " + options.warehouse() + " is remote and cannot be locked: run one stream"
                    + " job per warehouse (a second writer fails at its first commit)");
        }
        try {
            return run(options, out, err);
        } finally {
            lock.ifPresent(LockFile::close);
        }
    }

    /** Runs the job on a warehouse it holds. */
    private static int run(StreamOptions options, PrintStream out, PrintStream err) {
        SparkConf conf = new SparkConf().setIfMissing("spark.app.name", "pinpipe stream")
                // A micro-batch's cache lives for a second or two: choosing and applying a compression for every
                // cached column costs more CPU than it saves.
                .setIfMissing("spark.sql.inMemoryColumnarStorage.compressed", "false");
        SparkSession spark = SparkSessions.batch(conf, options.shufflePartitions());
        long started = System.nanoTime();
        StreamJob job = new StreamJob(spark, options, out);
        AtomicBoolean summarised = new AtomicBoolean();
        Runnable summary = () -> {
            if (summarised.compareAndSet(false, true)) {
                printSummary(out, job.totals(), options, Math.round((System.nanoTime() - started) / 1e9));
            }
        };
        try {
            out.printf("pinpipe stream: reading %s from %s%s into %s (checkpoint %s, %s)%n",
                    String.join(", ", options.topics().streamingTopics()), options.bootstrapServers(),
                    options.kafka().isEmpty() ? "" : " with Kafka client settings " + options.kafka(),
                    options.warehouse(), options.checkpoint(), options.availableNow() ? "available records only"
                            : "trigger every " + options.trigger().toMillis() + " ms");
            out.flush();
            StreamingQuery query = job.start();
            ShutdownHookManager.get().addShutdownHook(() -> stopOnSignal(query, out, summary), STOP_QUERY_PRIORITY);
            query.awaitTermination();
            summary.run();
            if (options.availableNow()) {
                // The tables as readers see them now: the demo reconciles with these counts.
                TableExport.export(new io.pinpipe.spark.Warehouse(spark, options.warehouse()), null, out);
            }
            return 0;
        } catch (TimeoutException | RuntimeException | org.apache.spark.sql.streaming.StreamingQueryException e) {
            err.println("pinpipe stream: failed: " + e.getMessage());
            e.printStackTrace(err);
            summary.run();
            return 1;
        } finally {
            spark.stop();
        }
    }

    /** SIGTERM (or Ctrl-C): stop the query between or during micro-batches; either way the tables stay exact. */
    private static void stopOnSignal(StreamingQuery query, PrintStream out, Runnable summary) {
        if (!query.isActive()) {
            return;
        }
        out.println("pinpipe stream: stopping (signal)");
        out.flush();
        try {
            query.stop();
        } catch (TimeoutException e) {
            out.println("pinpipe stream: the query did not stop in time; the next start replays its last batch");
        }
        summary.run();
    }

    private static void printSummary(PrintStream out, StreamTotals totals, StreamOptions options, long seconds) {
        BatchCounts total = totals.total();
        out.printf("pinpipe stream: done in %d s: %,d micro-batches, %,d records read, %,d quarantined, %,d new rows"
                        + " (%s) in %s%n", seconds, totals.batches(), total.read(), total.quarantined(), total.inserted(),
                totals.insertedPerTable(), options.warehouse());
        out.flush();
    }
}
