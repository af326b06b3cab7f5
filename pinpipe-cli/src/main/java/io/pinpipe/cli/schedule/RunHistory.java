package io.pinpipe.cli.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.pinpipe.common.DataFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The run history in the data folder: one JSON line per attempt, appended and flushed as each attempt ends, so a
 * killed scheduler loses nothing it had finished.
 */
public final class RunHistory {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final Path file;

    public RunHistory(Path file) {
        this.file = file;
    }

    /** The scheduler's history in a data folder: {@code schedule/history.jsonl}. */
    public static RunHistory in(DataFolder folder) {
        return new RunHistory(folder.schedule().resolve("history.jsonl"));
    }

    public Path file() {
        return file;
    }

    public synchronized void append(RunRecord record) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, MAPPER.writeValueAsString(record) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run history " + file, e);
        }
    }

    /** Every attempt so far, oldest first; an absent file is an empty history. */
    public synchronized List<RunRecord> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<RunRecord> records = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    records.add(MAPPER.readValue(line, RunRecord.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run history " + file, e);
        }
        return records;
    }
}
