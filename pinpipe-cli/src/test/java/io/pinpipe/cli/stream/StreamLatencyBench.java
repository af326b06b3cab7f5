package io.pinpipe.cli.stream;

import io.pinpipe.cli.batch.SparkJvm;
import io.pinpipe.cli.stack.LocalStack;
import io.pinpipe.cli.stream.LoadGenerator.Part;
import io.pinpipe.common.Await;
import io.pinpipe.common.Settings;
import io.pinpipe.common.SourceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream's end-to-end latency: a {@link LoadGenerator} feeds the gateway's streams API at fixed rates while
 * {@code pinpipe stream} runs with a stated trigger interval; per record, the time from the gateway's acknowledgment
 * (the 200 answer) to the Delta commit that made its row visible (the commit file's modification time). Run by
 * {@code benchmarks/stream-latency.sh}; not part of {@code mvn verify}. Settings: {@code -Dbench.rates=1000,10000
 * -Dbench.seconds=60 -Dbench.trigger=1s -Dbench.warmup=120 -Dbench.settle=30 -Dbench.throughput=false}.
 *
 * <p>Each rate is measured twice, back to back: its first {@code settle} seconds (the step from the previous rate,
 * when micro-batches grow and the job adapts) and then {@code seconds} of steady load. Under each steady part the
 * report gives the job's lag trend ({@link LagTrend}) and the median and p95 of each phase of its micro-batches
 * ({@link PhaseSummary}, from the job's {@code --phase-times} lines).
 *
 * <p>Throughput mode ({@code -Dbench.throughput=true}) goes from rate to rate without waiting for the job to catch
 * up, and stops after the first rate the job does not keep up with (its lag grows, or is over 10 s) or the load
 * generator does not reach; it reports the highest rate sustained: lag steady and p95 under 10 s.
 */
class StreamLatencyBench {

    private static final long SUSTAINED_P95_MILLIS = 10_000;

    @TempDir
    Path root;

    @Test
    void latencyFromAcknowledgmentToVisibleRow() throws Exception {
        boolean throughput = Boolean.getBoolean("bench.throughput");
        int[] rates = Arrays.stream(System.getProperty("bench.rates",
                        throughput ? "10000,20000,30000,50000,70000,100000" : "1000,10000").split(","))
                .mapToInt(text -> Integer.parseInt(text.trim())).toArray();
        int seconds = Integer.getInteger("bench.seconds", 60);
        String trigger = System.getProperty("bench.trigger", "1s");
        int warmupSeconds = Integer.getInteger("bench.warmup", 120);
        int settleSeconds = Integer.getInteger("bench.settle", 30);
        Path warehouse = root.resolve("stream-warehouse");
        List<String> report = new ArrayList<>();
        report.add(String.format("%strigger interval %s, a %d s warm-up at %,d records/s, then per rate %d s after"
                        + " the step and %d s steady, %d records per PutRecords request, 1 partition per stream,"
                        + " stream job local[2] in its own JVM (-Xmx2g)", throughput ? "throughput mode: " : "",
                trigger, warmupSeconds, rates[0], settleSeconds, seconds, LoadGenerator.PER_REQUEST));
        List<Part> parts = new ArrayList<>();
        Map<Part, LagTrend> trends = new HashMap<>();
        Map<Part, List<String>> phaseLines = new HashMap<>();
        LoadGenerator load;
        Settings settings = Settings.of(Map.of("kafka.port", "0", "connect.enabled", "false", "user.id", "bench"));
        try (LocalStack stack = LocalStack.start(root.resolve("stack"), Optional.empty(), settings,
                Map.of("listeners", "http://127.0.0.1:0"), line -> { })) {
            load = new LoadGenerator(stack.gatewayUri());
            Path jobLog = root.resolve("job.log");
            Process job = startJob(stack.bootstrapServers(), warehouse, trigger, jobLog);
            try (JobWatch watch = new JobWatch(jobLog, warehouse, load::acknowledged)) {
                awaitText(jobLog, "query started", 300);
                // Warm-up at the first rate, not measured: the job's JVM keeps compiling Spark's and Delta's code
                // for its first minutes (JIT at 40-50% of a core), and a streaming job is judged warm.
                load.send("warm-up", rates[0], warmupSeconds);
                awaitRows(watch, load.sent(), 300);
                for (int rate : rates) {
                    parts.add(load.send(settleSeconds + " s after the step", rate, settleSeconds));
                    Part steady = load.send("steady", rate, seconds);
                    parts.add(steady);
                    trends.put(steady, LagTrend.of(watch.samples(steady.startMillis(), steady.endMillis()), rate));
                    phaseLines.put(steady, watch.phaseLines(steady.startMillis(), steady.endMillis()));
                    if (!throughput) {
                        awaitRows(watch, load.sent(), 600);
                    } else if (!steady.reachedRate() || !trends.get(steady).keptUp()) {
                        break;
                    }
                }
                awaitRows(watch, load.sent(), 900);
            } finally {
                job.destroy();
                job.waitFor(60, TimeUnit.SECONDS);
                // The job's per-micro-batch lines (records, seconds, phases) explain the latencies; keep them.
                Path kept = Path.of("target", "benchmarks", "stream-job.log");
                Files.createDirectories(kept.getParent());
                Files.copy(jobLog, kept, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Map<Part, List<Long>> latencies = latencies(warehouse, parts, load);
        Part sustained = null;
        for (Part part : parts) {
            List<Long> sorted = latencies.get(part);
            sorted.sort(null);
            report.add(String.format("target %,6d records/s, %-20s: achieved %,8.0f records/s (%,d records), latency"
                            + " ack->visible p50 %,6d ms, p95 %,6d ms, p99 %,6d ms, max %,6d ms%s", part.rate(),
                    part.name(), part.achievedRate(), part.records(), Percentiles.of(sorted, 50),
                    Percentiles.of(sorted, 95), Percentiles.of(sorted, 99), sorted.get(sorted.size() - 1),
                    trends.containsKey(part) ? "; " + trends.get(part) : ""));
            if (phaseLines.containsKey(part)) {
                report.add("  phases of the micro-batches in the steady part (ms; records per table):");
                report.addAll(PhaseSummary.of(phaseLines.get(part)));
                boolean kept = part.reachedRate() && trends.get(part).keptUp()
                        && Percentiles.of(sorted, 95) < SUSTAINED_P95_MILLIS;
                if (kept && (sustained == null || sustained.rate() < part.rate())) {
                    sustained = part;
                }
            }
        }
        if (throughput) {
            report.add(sustained == null ? "highest sustained rate: none of the rates tried"
                    : String.format("highest sustained rate (lag steady, p95 under %d s, target reached): %,d"
                    + " records/s (achieved %,.0f)", SUSTAINED_P95_MILLIS / 1000, sustained.rate(),
                    sustained.achievedRate()));
        }
        Path out = Path.of("target", "benchmarks", "stream-latency.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
        report.forEach(System.out::println);
    }

    /** {@code pinpipe stream}'s job in its own JVM, printing its phase lines, its output to {@code jobLog}. */
    private Process startJob(String bootstrapServers, Path warehouse, String trigger, Path jobLog) throws Exception {
        List<String> options = List.of("--bootstrap-servers", bootstrapServers, "--user-id", "bench",
                "--warehouse", warehouse.toString(), "--checkpoint", root.resolve("checkpoint").toString(),
                "--trigger-interval", trigger, "--phase-times", "true");
        List<String> command = new ArrayList<>(SparkJvm.command(StreamJobProcess.home(), "2g", "local[2]",
                StreamCommand.MAIN_CLASS, options, root.resolve("job-spark.log")));
        command.add(1, "-Dspark.ui.enabled=false");
        // Extra settings for the job's JVM, e.g. "-Dspark.eventLog.enabled=true" to see where its time goes.
        command.addAll(2, Arrays.stream(System.getProperty("bench.jobJvm", "").split("\\s+"))
                .filter(option -> !option.isEmpty()).toList());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(jobLog.toFile()).start();
    }

    /** Per part, the latency of each of its records: every record must have become visible. */
    private Map<Part, List<Long>> latencies(Path warehouse, List<Part> parts, LoadGenerator load) throws Exception {
        Map<Part, List<Long>> latencies = new LinkedHashMap<>();
        parts.forEach(part -> latencies.put(part, new ArrayList<>(part.records())));
        for (SourceTable table : SourceTable.values()) {
            Path tableDir = warehouse.resolve(table.shortName());
            Map<Long, Long> commitTime = commitTimes(tableDir);
            Path lines = root.resolve(table.shortName() + "-inds.txt");
            runCommitInds(tableDir, lines);
            try (BufferedReader reader = Files.newBufferedReader(lines, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    int space = line.indexOf(' ');
                    int ind = Integer.parseInt(line.substring(space + 1));
                    long visible = commitTime.get(Long.parseLong(line.substring(0, space)));
                    for (Part part : parts) {
                        if (ind >= part.firstInd() && ind < part.firstInd() + part.records()) {
                            latencies.get(part).add(visible - load.ackOf(ind));
                        }
                    }
                }
            }
        }
        parts.forEach(part -> assertThat(latencies.get(part)).as("rows visible of " + part).hasSize(part.records()));
        return latencies;
    }

    private static Map<Long, Long> commitTimes(Path table) throws Exception {
        Map<Long, Long> commitTime = new HashMap<>();
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            for (Path commit : files.filter(file -> file.getFileName().toString().matches("\\d{20}\\.json"))
                    .toList()) {
                commitTime.put(Long.parseLong(commit.getFileName().toString().substring(0, 20)),
                        Files.getLastModifiedTime(commit).toMillis());
            }
        }
        return commitTime;
    }

    /** {@code io.pinpipe.spark.CommitInds} (spark module test classes) in a Spark JVM. */
    private void runCommitInds(Path table, Path out) throws Exception {
        List<String> command = new ArrayList<>(SparkJvm.command(StreamJobProcess.home(), "1g", "local[2]",
                "io.pinpipe.spark.CommitInds", List.of(table.toString(), out.toString()),
                root.resolve("commit-inds-spark.log")));
        int cp = command.indexOf("-cp") + 1;
        command.set(cp, command.get(cp) + File.pathSeparator
                + StreamJobProcess.home().resolve("pinpipe-spark/target/test-classes"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(root.resolve("commit-inds.log").toFile()).start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(root.resolve("commit-inds.log"))).isZero();
    }

    /** Waits until the three tables hold {@code rows} rows together. */
    private static void awaitRows(JobWatch watch, long rows, int timeoutSeconds) throws Exception {
        assertThat(Await.until(Duration.ofSeconds(timeoutSeconds), () -> watch.visibleRows() >= rows))
                .as("the tables hold %,d of %,d rows after %d s", watch.visibleRows(), rows, timeoutSeconds).isTrue();
    }

    private static void awaitText(Path log, String text, int timeoutSeconds) throws Exception {
        boolean started = Await.until(Duration.ofSeconds(timeoutSeconds),
                () -> Files.exists(log) && readString(log).contains(text));
        assertThat(started).as("the stream job did not start: %s", Files.exists(log) ? readString(log) : "").isTrue();
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
