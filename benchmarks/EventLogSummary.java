import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Spark job's time went, from its event log (spark.eventLog.enabled, uncompressed): one line per top-level
 * SQL execution (its wall time, the task time of its stages, input and shuffle bytes, and what it scanned: lake
 * topics parsed as JSON, Delta tables read as Parquet, cached tables), then the totals: how many times each lake
 * topic was parsed and each table scanned. Benchmark use only (benchmarks/batch-scale.sh with BATCH_PROFILE=1).
 * Usage: java -cp 'pinpipe-spark/target/lib/*' benchmarks/EventLogSummary.java EVENT_LOG (file or folder)
 */
public final class EventLogSummary {

    /**
     * A scan in the formatted plan: {@code (1) Scan json}, then its details, among them
     * {@code Location: InMemoryFileIndex [file:/.../topics/bench.pin]} (a Delta table: {@code .../warehouse/pin}).
     */
    private static final Pattern FILE_SCAN =
            Pattern.compile("\\(\\d+\\) Scan (json|parquet) *\n(?:(?!\\(\\d+\\) ).*\n)*?Location: \\w+ \\[([^\\]\n]+)\\]");
    private static final Pattern CACHED_SCAN = Pattern.compile("InMemoryTableScan");

    private static final class Execution {
        long id;
        String description = "";
        long start;
        long end;
        final List<String> scans = new ArrayList<>();
        long taskMs;
        long inputBytes;
        long shuffleBytes;
        int stages;
    }

    private static final class StageTotals {
        long taskMs;
        long inputBytes;
        long shuffleBytes;
    }

    public static void main(String[] args) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<Long, Execution> executions = new TreeMap<>();
        Map<Long, Long> rootOf = new HashMap<>();
        Map<Integer, Long> executionOfStage = new HashMap<>();
        Map<Integer, StageTotals> stages = new HashMap<>();
        long appStart = 0;
        long appEnd = 0;
        for (String line : lines(Path.of(args[0]))) {
            JsonNode event = mapper.readTree(line);
            String type = event.path("Event").asText();
            switch (type) {
                case "SparkListenerApplicationStart" -> appStart = event.path("Timestamp").asLong();
                case "SparkListenerApplicationEnd" -> appEnd = event.path("Timestamp").asLong();
                case "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart" -> {
                    long id = event.path("executionId").asLong();
                    long root = event.path("rootExecutionId").asLong(id);
                    rootOf.put(id, root);
                    Execution execution = executions.computeIfAbsent(root, key -> new Execution());
                    execution.id = root;
                    if (root == id) {
                        execution.description = event.path("description").asText();
                        execution.start = event.path("time").asLong();
                    }
                    String plan = event.path("physicalPlanDescription").asText();
                    addScans(plan, execution.scans);
                    Matcher cached = CACHED_SCAN.matcher(plan);
                    while (cached.find()) {
                        execution.scans.add("cached");
                    }
                }
                case "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd" -> {
                    long id = event.path("executionId").asLong();
                    Execution execution = executions.get(rootOf.getOrDefault(id, id));
                    if (execution != null) {
                        execution.end = Math.max(execution.end, event.path("time").asLong());
                    }
                }
                case "SparkListenerJobStart" -> {
                    String sqlId = event.path("Properties").path("spark.sql.execution.id").asText("");
                    if (!sqlId.isEmpty()) {
                        long id = Long.parseLong(sqlId);
                        for (JsonNode stage : event.path("Stage IDs")) {
                            executionOfStage.put(stage.asInt(), rootOf.getOrDefault(id, id));
                        }
                    }
                }
                case "SparkListenerTaskEnd" -> {
                    StageTotals totals = stages.computeIfAbsent(event.path("Stage ID").asInt(),
                            key -> new StageTotals());
                    JsonNode metrics = event.path("Task Metrics");
                    totals.taskMs += metrics.path("Executor Run Time").asLong();
                    totals.inputBytes += metrics.path("Input Metrics").path("Bytes Read").asLong();
                    totals.shuffleBytes += metrics.path("Shuffle Write Metrics").path("Shuffle Bytes Written")
                            .asLong();
                }
                default -> {
                }
            }
        }
        long unattributedMs = 0;
        for (Map.Entry<Integer, StageTotals> stage : stages.entrySet()) {
            Long root = executionOfStage.get(stage.getKey());
            Execution execution = root == null ? null : executions.get(root);
            if (execution == null) {
                unattributedMs += stage.getValue().taskMs;
                continue;
            }
            execution.stages++;
            execution.taskMs += stage.getValue().taskMs;
            execution.inputBytes += stage.getValue().inputBytes;
            execution.shuffleBytes += stage.getValue().shuffleBytes;
        }
        print(executions.values(), appStart, appEnd, unattributedMs);
    }

    /** The events of a log: one file, or a folder of rolled files (Spark 4's {@code eventlog_v2_*}) in order. */
    private static List<String> lines(Path log) throws IOException {
        if (!Files.isDirectory(log)) {
            return Files.readAllLines(log);
        }
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(log)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("events_"))
                    .sorted(java.util.Comparator.comparingInt(EventLogSummary::rollIndex)).toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    /** {@code events_<index>_<app id>}. */
    private static int rollIndex(Path file) {
        return Integer.parseInt(file.getFileName().toString().split("_")[1]);
    }

    /** Where an execution came from: {@code save at Warehouse.java:89}, or Delta's own description. */
    private static String callSite(String description) {
        String site = description.replaceFirst("^\\d+ ", "").replaceFirst("^(Delta: )+", "Delta: ");
        return site.length() > 48 ? site.substring(0, 48) : site;
    }

    /** {@code json bench.pin}, {@code parquet pin}, {@code delta log pin} (Delta reading its own log). */
    private static void addScans(String plan, List<String> scans) {
        Matcher matcher = FILE_SCAN.matcher(plan);
        while (matcher.find()) {
            String location = matcher.group(2);
            int log = location.indexOf("/_delta_log");
            if (log >= 0) {
                String table = location.substring(0, log);
                scans.add("delta log " + table.substring(table.lastIndexOf('/') + 1));
            } else {
                scans.add(matcher.group(1) + " " + location.substring(location.lastIndexOf('/') + 1));
            }
        }
    }

    private static void print(Iterable<Execution> executions, long appStart, long appEnd, long unattributedMs) {
        System.out.printf("| at s | SQL execution | wall s | stages | task s | input MB | shuffle MB | scans |%n");
        System.out.printf("|---:|---|---:|---:|---:|---:|---:|---|%n");
        Map<String, Integer> scanCounts = new TreeMap<>();
        Map<String, long[]> bySite = new TreeMap<>();
        long wallMs = 0;
        long taskMs = 0;
        for (Execution execution : executions) {
            long wall = execution.end - execution.start;
            wallMs += wall;
            taskMs += execution.taskMs;
            for (String scan : execution.scans) {
                scanCounts.merge(scan, 1, Integer::sum);
            }
            String description = execution.description.replaceAll("\\s+", " ").replace("|", "/");
            long[] site = bySite.computeIfAbsent(callSite(description), key -> new long[3]);
            site[0]++;
            site[1] += wall;
            site[2] += execution.taskMs;
            if (description.length() > 70) {
                description = description.substring(0, 70) + "...";
            }
            System.out.printf("| %.1f | %d %s | %.1f | %d | %.1f | %.0f | %.0f | %s |%n",
                    (execution.start - appStart) / 1e3, execution.id, description, wall / 1e3, execution.stages,
                    execution.taskMs / 1e3, execution.inputBytes / 1e6, execution.shuffleBytes / 1e6,
                    String.join(", ", execution.scans));
        }
        System.out.printf("%nSpark application %.1f s; SQL executions %.1f s wall, %.1f s task time;"
                        + " task time outside SQL executions %.1f s%n", (appEnd - appStart) / 1e3, wallMs / 1e3,
                taskMs / 1e3, unattributedMs / 1e3);
        System.out.printf("%n| call site | executions | wall s | task s |%n|---|---:|---:|---:|%n");
        bySite.forEach((site, totals) -> System.out.printf("| %s | %d | %.1f | %.1f |%n", site, totals[0],
                totals[1] / 1e3, totals[2] / 1e3));
        System.out.println("scans (lake topics parsed as JSON, Delta tables read as Parquet, cached tables read):");
        scanCounts.forEach((scan, count) -> System.out.printf("  %s: %d%n", scan, count));
    }
}
