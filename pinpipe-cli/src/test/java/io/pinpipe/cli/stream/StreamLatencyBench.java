package io.pinpipe.cli.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpipe.cli.batch.SparkJvm;
import io.pinpipe.cli.stack.LocalStack;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.StreamRecordJson;
import io.pinpipe.common.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream's end-to-end latency: a load generator feeds the gateway's streams API ({@code PutRecords}, 100 records
 * per request, the three streams in turn) at fixed rates while {@code pinpipe stream} runs with a stated trigger
 * interval; per record, the time from the gateway's acknowledgment (the 200 answer) to the Delta commit that made its
 * row visible (the commit file's modification time). Run by {@code benchmarks/stream-latency.sh}; not part of
 * {@code mvn verify}. Settings: {@code -Dbench.rates=1000,10000 -Dbench.seconds=60 -Dbench.trigger=1s
 * -Dbench.warmup=120 -Dbench.settle=30}.
 *
 * <p>Each rate is measured twice, back to back: its first {@code settle} seconds (the step from the previous rate,
 * when micro-batches grow and the job adapts) and then {@code seconds} of steady load.
 */
class StreamLatencyBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_REQUEST = 100;
    private static final int IN_FLIGHT = 64;

    @TempDir
    Path root;

    @Test
    void latencyFromAcknowledgmentToVisibleRow() throws Exception {
        int[] rates = Arrays.stream(System.getProperty("bench.rates", "1000,10000").split(","))
                .mapToInt(text -> Integer.parseInt(text.trim())).toArray();
        int seconds = Integer.getInteger("bench.seconds", 60);
        String trigger = System.getProperty("bench.trigger", "1s");
        int warmupSeconds = Integer.getInteger("bench.warmup", 120);
        int settleSeconds = Integer.getInteger("bench.settle", 30);
        Path warehouse = root.resolve("stream-warehouse");
        Map<Integer, Long> ackOfInd = new ConcurrentHashMap<>();
        List<String> report = new ArrayList<>();
        report.add(String.format("trigger interval %s, a %d s warm-up at %,d records/s, then per rate %d s after the"
                + " step and %d s steady, %d records per PutRecords request, 1 partition per stream, stream job"
                + " local[2] in its own JVM (-Xmx2g)", trigger, warmupSeconds, rates[0], settleSeconds, seconds,
                PER_REQUEST));
        List<Phase> phases = new ArrayList<>();
        Settings settings = Settings.of(Map.of("kafka.port", "0", "connect.enabled", "false", "user.id", "bench"));
        try (LocalStack stack = LocalStack.start(root.resolve("stack"), Optional.empty(), settings,
                Map.of("listeners", "http://127.0.0.1:0"), line -> { })) {
            List<String> options = List.of("--bootstrap-servers", stack.bootstrapServers(), "--user-id", "bench",
                    "--warehouse", warehouse.toString(), "--checkpoint", root.resolve("checkpoint").toString(),
                    "--trigger-interval", trigger);
            List<String> command = new ArrayList<>(SparkJvm.command(StreamJobProcess.home(), "2g", "local[2]",
                    StreamCommand.MAIN_CLASS, options, root.resolve("job-spark.log")));
            command.add(1, "-Dspark.ui.enabled=false");
            // Extra settings for the job's JVM, e.g. "-Dspark.eventLog.enabled=true" to see where its time goes.
            command.addAll(2, Arrays.stream(System.getProperty("bench.jobJvm", "").split("\\s+"))
                    .filter(option -> !option.isEmpty()).toList());
            Path jobLog = root.resolve("job.log");
            Process job = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(jobLog.toFile())
                    .start();
            try {
                awaitText(jobLog, "query started", 300);
                // Warm-up at the first rate, not measured: the job's JVM keeps compiling Spark's and Delta's code
                // for its first minutes (JIT at 40-50% of a core), and a streaming job is judged warm.
                int nextInd = 1;
                Phase warmup = send(stack.gatewayUri(), rates[0], warmupSeconds, nextInd, new ConcurrentHashMap<>());
                nextInd += warmup.records();
                awaitRows(warehouse, nextInd - 1, 300);
                for (int rate : rates) {
                    Phase step = send(stack.gatewayUri(), rate, settleSeconds, nextInd, ackOfInd)
                            .named(settleSeconds + " s after the step");
                    nextInd += step.records();
                    Phase steady = send(stack.gatewayUri(), rate, seconds, nextInd, ackOfInd).named("steady");
                    nextInd += steady.records();
                    awaitRows(warehouse, nextInd - 1, 600);
                    phases.add(step);
                    phases.add(steady);
                }
            } finally {
                job.destroy();
                job.waitFor(60, TimeUnit.SECONDS);
                // The job's per-micro-batch lines (records, seconds) explain the latencies; keep them.
                Path kept = Path.of("target", "benchmarks", "stream-job.log");
                Files.createDirectories(kept.getParent());
                Files.copy(jobLog, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Map<Integer, Long> visibleAt = visibility(warehouse);
        for (Phase phase : phases) {
            List<Long> latencies = new ArrayList<>();
            for (int ind = phase.firstInd(); ind < phase.firstInd() + phase.records(); ind++) {
                Long visible = visibleAt.get(ind);
                Long ack = ackOfInd.get(ind);
                assertThat(visible).as("ind " + ind + " visible").isNotNull();
                latencies.add(visible - ack);
            }
            latencies.sort(null);
            report.add(String.format("target %,6d records/s, %-20s: achieved %,8.0f records/s (%,d records), latency"
                            + " ack->visible p50 %,6d ms, p95 %,6d ms, p99 %,6d ms, max %,6d ms", phase.rate(),
                    phase.name(), phase.achievedRate(), phase.records(), percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
                    latencies.get(latencies.size() - 1)));
        }
        Path out = Path.of("target", "benchmarks", "stream-latency.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
        report.forEach(System.out::println);
    }

    /** What one rate's run sent. */
    private record Phase(String name, int rate, int firstInd, int records, double achievedRate) {

        Phase named(String newName) {
            return new Phase(newName, rate, firstInd, records, achievedRate);
        }
    }

    /** Sends {@code rate} records/s for {@code seconds}, paced per request; records each ind's ack time. */
    private static Phase send(URI gateway, int rate, int seconds, int firstInd, Map<Integer, Long> ackOfInd)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int requests = rate * seconds / PER_REQUEST;
        double intervalNanos = 1e9 * PER_REQUEST / rate;
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        AtomicLong lastAck = new AtomicLong();
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        for (int request = 0; request < requests; request++) {
            long due = start + (long) (request * intervalNanos);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            SourceTable table = SourceTable.values()[request % 3];
            int first = firstInd + request * PER_REQUEST;
            HttpRequest put = HttpRequest.newBuilder(gateway.resolve("/streams/streaming-bench-" + table.shortName()
                            + "/records")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body(table, first))).build();
            inFlight.acquire();
            answers.add(client.sendAsync(put, HttpResponse.BodyHandlers.ofString()).thenAccept(answer -> {
                long ack = System.currentTimeMillis();
                if (answer.statusCode() != 200 || answer.body().contains("\"FailedRecordCount\":1")) {
                    throw new IllegalStateException("PutRecords answered " + answer.statusCode() + ": "
                            + answer.body());
                }
                for (int ind = first; ind < first + PER_REQUEST; ind++) {
                    ackOfInd.put(ind, ack);
                }
                lastAck.accumulateAndGet(ack, Math::max);
            }).whenComplete((ok, error) -> inFlight.release()));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        int records = requests * PER_REQUEST;
        double achieved = records / Math.max(0.001, (lastAck.get() - startMillis) / 1000.0);
        return new Phase("", rate, firstInd, records, achieved);
    }

    private static String body(SourceTable table, int firstInd) {
        StringBuilder body = new StringBuilder("{\"Records\":[");
        for (int ind = firstInd; ind < firstInd + PER_REQUEST; ind++) {
            body.append(ind == firstInd ? "" : ",").append("{\"PartitionKey\":\"").append(ind).append("\",\"Data\":")
                    .append(StreamRecordJson.of(table, ind)).append('}');
        }
        return body.append("]}").toString();
    }

    /** Waits until the three tables hold {@code rows} rows together (from the commits' file statistics). */
    private static void awaitRows(Path warehouse, long rows, int timeoutSeconds) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        long stored = 0;
        while (System.currentTimeMillis() < deadline) {
            stored = 0;
            for (SourceTable table : SourceTable.values()) {
                stored += storedRows(warehouse.resolve(table.shortName()));
            }
            if (stored >= rows) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the tables hold " + stored + " of " + rows + " rows after " + timeoutSeconds + " s");
    }

    private static long storedRows(Path table) throws IOException {
        long rows = 0;
        for (Path commit : commits(table)) {
            for (String line : Files.readAllLines(commit, StandardCharsets.UTF_8)) {
                JsonNode add = JSON.readTree(line).get("add");
                if (add != null && add.hasNonNull("stats")) {
                    rows += JSON.readTree(add.get("stats").asText()).path("numRecords").asLong();
                }
            }
        }
        return rows;
    }

    private static List<Path> commits(Path table) throws IOException {
        Path log = table.resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(log)) {
            return files.filter(file -> file.getFileName().toString().matches("\\d{20}\\.json")).sorted().toList();
        }
    }

    /** Each ind's visibility time: the modification time of the commit file that added its row. */
    private Map<Integer, Long> visibility(Path warehouse) throws Exception {
        Map<Integer, Long> visibleAt = new HashMap<>();
        for (SourceTable table : SourceTable.values()) {
            Path tableDir = warehouse.resolve(table.shortName());
            Map<Long, Long> commitTime = new HashMap<>();
            for (Path commit : commits(tableDir)) {
                commitTime.put(Long.parseLong(commit.getFileName().toString().substring(0, 20)),
                        Files.getLastModifiedTime(commit).toMillis());
            }
            Path lines = root.resolve(table.shortName() + "-inds.txt");
            runCommitInds(tableDir, lines);
            for (String line : Files.readAllLines(lines, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ");
                visibleAt.put(Integer.parseInt(parts[1]), commitTime.get(Long.parseLong(parts[0])));
            }
        }
        return visibleAt;
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

    private static void awaitText(Path log, String text, int timeoutSeconds) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the stream job did not start: " + Files.readString(log));
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
