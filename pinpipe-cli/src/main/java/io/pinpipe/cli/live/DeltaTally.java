package io.pinpipe.cli.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.common.JsonTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Rows and last commit of every Delta table in a warehouse folder (each sub-folder with a {@code _delta_log}), read
 * from the log itself: the rows are the {@code numRecords} statistics of the files the log adds and has not removed.
 * Each commit file is read once; a refresh reads only the commits that are new. A table whose log no longer starts
 * at version 0 (old commits cleaned up) or whose files carry no statistics has unknown rows ({@code null}). The last
 * commit's time is its commit file's.
 */
final class DeltaTally {


    private final Path warehouse;
    private final Map<String, TableLog> tables = new TreeMap<>();

    DeltaTally(Path warehouse) {
        this.warehouse = warehouse;
    }

    /** Every table in the warehouse, by name; empty while the warehouse does not exist. */
    synchronized List<PipelineSnapshot.Table> tables() {
        if (!Files.isDirectory(warehouse)) {
            return List.of();
        }
        List<PipelineSnapshot.Table> result = new ArrayList<>();
        try (Stream<Path> folders = Files.list(warehouse)) {
            for (Path folder : folders.sorted().toList()) {
                Path log = folder.resolve("_delta_log");
                if (Files.isDirectory(log)) {
                    String name = folder.getFileName().toString();
                    result.add(tables.computeIfAbsent(name, any -> new TableLog(log)).readNew().describe(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the warehouse " + warehouse, e);
        }
        return result;
    }

    /** One table's log, replayed up to {@code nextVersion}. */
    private static final class TableLog {
        private final Path log;
        private final Map<String, Long> liveFiles = new HashMap<>();
        private long nextVersion;
        private boolean rowsKnown = true;
        private Instant lastCommit;

        TableLog(Path log) {
            this.log = log;
        }

        TableLog readNew() {
            if (nextVersion == 0 && !Files.exists(commitFile(0)) && hasCommits()) {
                rowsKnown = false;
                nextVersion = firstVersion();
            }
            for (Path commit = commitFile(nextVersion); Files.exists(commit); commit = commitFile(nextVersion)) {
                apply(commit);
                nextVersion++;
            }
            return this;
        }

        PipelineSnapshot.Table describe(String name) {
            Long rows = rowsKnown ? liveFiles.values().stream().mapToLong(Long::longValue).sum() : null;
            return new PipelineSnapshot.Table(name, rows, nextVersion - 1, lastCommit);
        }

        private void apply(Path commit) {
            try {
                for (String line : Files.readAllLines(commit)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode action = JsonTree.parse(line);
                    if (action.has("add")) {
                        JsonNode add = action.get("add");
                        long rows = add.hasNonNull("stats")
                                ? JsonTree.parse(add.get("stats").asText()).path("numRecords").asLong(-1) : -1;
                        rowsKnown &= rows >= 0;
                        liveFiles.put(add.path("path").asText(), Math.max(0, rows));
                    } else if (action.has("remove")) {
                        liveFiles.remove(action.get("remove").path("path").asText());
                    }
                }
                lastCommit = Files.getLastModifiedTime(commit).toInstant();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Delta commit " + commit, e);
            }
        }

        private Path commitFile(long version) {
            return log.resolve(String.format("%020d.json", version));
        }

        private boolean hasCommits() {
            return firstVersion() >= 0;
        }

        private long firstVersion() {
            try (Stream<Path> files = Files.list(log)) {
                return files.map(file -> file.getFileName().toString()).filter(name -> name.matches("\\d{20}\\.json"))
                        .mapToLong(name -> Long.parseLong(name.substring(0, 20))).min().orElse(-1);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the Delta log " + log, e);
            }
        }
    }
}
