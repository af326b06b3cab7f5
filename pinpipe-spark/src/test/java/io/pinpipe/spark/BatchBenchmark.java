package io.pinpipe.spark;

import io.pinpipe.common.SourceTable;
import io.pinpipe.common.Topics;
import org.apache.spark.sql.SparkSession;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark (not a test): the whole batch job on a lake of N records per topic built from the real sample (ids
 * shifted per copy, so every record is new), against a baseline measured in the same JVM on the same lake: Spark
 * reading every lake line once ({@code spark.read.text(...).count()}), the floor any job over the lake pays.
 *
 * <p>How to run it and the figures: {@code BENCHMARKS.md}, section "Batch analytics".
 */
public final class BatchBenchmark {

    private BatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path sample = Path.of(args[0]);
        int perTopic = Integer.parseInt(args[1]);
        Path root = Files.createTempDirectory("pinpipe-bench");
        Topics topics = new Topics("bench");
        TestLake lake = new TestLake(root.resolve("lake"), topics);
        for (SourceTable table : SourceTable.values()) {
            List<String> base = TestLake.sampleLines(sample, table);
            String key = "\"" + table.keyColumn() + "\": ";
            List<String> lines = new ArrayList<>(perTopic);
            for (int i = 0; i < perTopic; i++) {
                String line = base.get(i % base.size());
                int copy = i / base.size();
                int start = line.indexOf(key) + key.length();
                int end = line.indexOf(',', start);
                int ind = Integer.parseInt(line.substring(start, end).trim()) + copy * 20_000;
                lines.add(line.substring(0, start) + ind + line.substring(end));
            }
            lake.write(table, lines, 0);
        }
        SparkSession spark = SparkSessions.batch(new org.apache.spark.SparkConf()
                .set("spark.master", "local[2]").set("spark.driver.host", "127.0.0.1"), 8);
        spark.sparkContext().setLogLevel("WARN");

        long baselineStart = System.nanoTime();
        long lines = spark.read().text(root.resolve("lake/topics").toString() + "/*/*/*.json").count();
        double baseline = (System.nanoTime() - baselineStart) / 1e9;

        BatchOptions options = BatchOptions.parse("--lake", root.resolve("lake").toString(), "--user-id", "bench");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        long jobStart = System.nanoTime();
        new BatchJob(spark, options, new Progress(quiet, BatchJob.STEPS), Clock.systemUTC()).run();
        double job = (System.nanoTime() - jobStart) / 1e9;
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("records per topic %d (%d lines): baseline read %.1f s, job %.1f s, ratio %.1f,"
                        + " %.0f records/s, peak heap %d MiB%n", perTopic, lines, baseline, job, job / baseline,
                lines / job, peakHeap >> 20);
        spark.stop();
    }
}
