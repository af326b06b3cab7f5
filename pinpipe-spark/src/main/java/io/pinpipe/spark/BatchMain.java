package io.pinpipe.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.time.Clock;

/**
 * The job's entry point, for {@code spark-submit --class io.pinpipe.spark.BatchMain pinpipe-spark-job.jar --lake
 * ...} and for {@code pinpipe batch} (which starts it in a child JVM). Exit code 0 on success, 2 for bad options,
 * 1 when the run failed.
 */
public final class BatchMain {

    private BatchMain() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the job with these arguments; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        JobArguments.Read<BatchOptions> read = JobArguments.read("pinpipe batch", args, BatchOptions.usage(),
                BatchOptions::parse, out, err);
        if (read.ended()) {
            return read.exitCode();
        }
        BatchOptions options = read.options();
        SparkSession spark = SparkSessions.batch(new SparkConf(), options.shufflePartitions());
        try {
            long started = System.nanoTime();
            BatchJob.Summary summary = new BatchJob(spark, options, new Progress(out, BatchJob.STEPS),
                    Clock.systemUTC()).run();
            long seconds = Math.round((System.nanoTime() - started) / 1e9);
            long rows = summary.quality().stream().mapToLong(TableQuality::rowsRead).sum();
            long quarantined = summary.quality().stream().mapToLong(TableQuality::quarantined).sum();
            long inserted = summary.quality().stream().mapToLong(TableQuality::inserted).sum();
            out.printf("pinpipe batch: done in %d s: %d rows read, %d quarantined, %d new rows in %s;"
                    + " %d results in %s%s%n", seconds, rows, quarantined, inserted, summary.warehouse(),
                    summary.results().size(), summary.resultsLocation(),
                    summary.report() != null ? "; report " + summary.report() : "");
            return 0;
        } catch (RuntimeException e) {
            err.println("pinpipe batch: failed: " + e);
            e.printStackTrace(err);
            return 1;
        } finally {
            spark.stop();
        }
    }
}
