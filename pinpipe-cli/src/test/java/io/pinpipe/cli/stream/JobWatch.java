package io.pinpipe.cli.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpipe.common.SourceTable;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Watches the running stream job from outside, once a second: the phase lines its log gained (stamped with the time
 * they were seen, so they can be matched to a part of the run), and its lag, the records acknowledged by the gateway
 * but not yet in a committed row (rows counted from the tables' commit files, each read once).
 */
final class JobWatch implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PHASES = " phases (ms): ";

    /** What was seen at one moment (epoch ms). */
    record Sample(long at, long lag) {
    }

    record Line(long at, String text) {
    }

    private final Path jobLog;
    private final Path warehouse;
    private final LongSupplier acknowledged;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final List<Line> phaseLines = new CopyOnWriteArrayList<>();
    private final Set<Path> commitsRead = new HashSet<>();
    private long logRead;
    private String partialLine = "";
    private volatile long visibleRows;
    private volatile Exception failure;

    JobWatch(Path jobLog, Path warehouse, LongSupplier acknowledged) {
        this.jobLog = jobLog;
        this.warehouse = warehouse;
        this.acknowledged = acknowledged;
        timer.scheduleWithFixedDelay(this::look, 1, 1, TimeUnit.SECONDS);
    }

    /** Rows the tables hold together, as of the last look. */
    long visibleRows() {
        return visibleRows;
    }

    List<Sample> samples(long from, long to) {
        return samples.stream().filter(sample -> sample.at() >= from && sample.at() <= to).toList();
    }

    /** The phase lines seen between {@code from} and {@code to} (epoch ms). */
    List<String> phaseLines(long from, long to) {
        return phaseLines.stream().filter(line -> line.at() >= from && line.at() <= to).map(Line::text).toList();
    }

    @Override
    public void close() throws Exception {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        if (failure != null) {
            throw new IllegalStateException("watching the stream job failed", failure);
        }
    }

    private void look() {
        try {
            long acked = acknowledged.getAsLong();
            long now = System.currentTimeMillis();
            for (String line : newLines()) {
                if (line.contains(PHASES)) {
                    phaseLines.add(new Line(now, line));
                }
            }
            for (SourceTable table : SourceTable.values()) {
                visibleRows += newRows(warehouse.resolve(table.shortName()).resolve("_delta_log"));
            }
            samples.add(new Sample(now, acked - visibleRows));
        } catch (IOException | RuntimeException e) {
            // A scheduled task that throws is never run again: keep the first failure for close() instead.
            if (failure == null) {
                failure = e;
            }
        }
    }

    private List<String> newLines() throws IOException {
        if (!Files.exists(jobLog)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(jobLog.toFile(), "r")) {
            byte[] added = new byte[(int) (file.length() - logRead)];
            file.seek(logRead);
            file.readFully(added);
            logRead += added.length;
            String text = partialLine + new String(added, StandardCharsets.UTF_8);
            int lastNewline = text.lastIndexOf('\n');
            partialLine = text.substring(lastNewline + 1);
            return lastNewline < 0 ? List.of() : List.of(text.substring(0, lastNewline).split("\n"));
        }
    }

    /** Rows added by the commits of a table's log not read before (a commit file is final once it exists). */
    private long newRows(Path log) throws IOException {
        if (!Files.isDirectory(log)) {
            return 0;
        }
        List<Path> commits;
        try (Stream<Path> files = Files.list(log)) {
            commits = files.filter(file -> file.getFileName().toString().matches("\\d{20}\\.json"))
                    .filter(file -> !commitsRead.contains(file)).toList();
        }
        long rows = 0;
        for (Path commit : commits) {
            for (String line : Files.readAllLines(commit, StandardCharsets.UTF_8)) {
                JsonNode add = JSON.readTree(line).get("add");
                if (add != null && add.hasNonNull("stats")) {
                    rows += JSON.readTree(add.get("stats").asText()).path("numRecords").asLong();
                }
            }
            commitsRead.add(commit);
        }
        return rows;
    }
}
