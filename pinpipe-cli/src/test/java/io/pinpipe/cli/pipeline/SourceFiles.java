package io.pinpipe.cli.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.common.JsonCodec;
import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The source tables as the JSON Lines files {@code pinpipe dataset generate} writes ({@code <table>.jsonl}): edge
 * cases the generator never makes are written into them before they are loaded, and the reference reads its source
 * rows back from them, not from the database or the pipeline.
 */
public final class SourceFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceFiles() {
    }

    /**
     * Adds what the generated data lacks (like the course's tables, it has nobody under 20 and nobody who joined after
     * 2017): every 23rd row's user is 16 (the {@code <18} group), every 29th joined in 2019 and every 31st on
     * 2020-02-29. The edited rows become people of their own, as a person is (user_name, age, date_joined).
     */
    public static void addEdgeCases(Path folder) {
        Path file = folder.resolve(SourceTable.USER.sqlName() + ".jsonl");
        List<String> edited = new ArrayList<>();
        for (String line : lines(file)) {
            ObjectNode row = (ObjectNode) tree(line);
            int ind = row.get("ind").asInt();
            if (ind % 23 == 0) {
                row.put("age", 16);
            }
            if (ind % 29 == 0) {
                row.put("date_joined", "2019-06-01 10:00:00");
            }
            if (ind % 31 == 0) {
                row.put("date_joined", "2020-02-29 23:59:59");
            }
            edited.add(row.toString());
        }
        write(file, edited);
    }

    /** The three source records of every drawn row id, once per draw (repeats included, as the emulator sends them). */
    public static List<SourceRecord> drawnRows(Path folder, List<Integer> draws) {
        Map<SourceTable, Map<Integer, SourceRecord>> byId = new EnumMap<>(SourceTable.class);
        for (SourceTable table : SourceTable.values()) {
            Map<Integer, SourceRecord> rows = new HashMap<>();
            for (String line : lines(folder.resolve(table.sqlName() + ".jsonl"))) {
                SourceRecord row = JsonCodec.get().read(line, table);
                rows.put(row.id(), row);
            }
            byId.put(table, rows);
        }
        List<SourceRecord> drawn = new ArrayList<>();
        for (int id : draws) {
            for (SourceTable table : SourceTable.values()) {
                SourceRecord row = byId.get(table).get(id);
                if (row == null) {
                    throw new IllegalStateException("row " + id + " was drawn but " + table.sqlName() + " lacks it");
                }
                drawn.add(row);
            }
        }
        return drawn;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }
}
