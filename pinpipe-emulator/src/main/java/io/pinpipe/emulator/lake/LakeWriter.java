package io.pinpipe.emulator.lake;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.pinpipe.common.JsonCodec;
import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TopicLayout;
import io.pinpipe.common.Topics;
import io.pinpipe.emulator.dataset.SourceRow;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes records into a local lake exactly as the lake sink lands them with its default partitioner: per topic
 * {@code <topics.dir>/<topic>/partition=0/<topic>+0+<start offset, 10 digits>.json}, JSON Lines, each line the record's
 * {@link JsonCodec} bytes (what the emulator posts and the gateway passes on), a new file every {@code flushSize}
 * records. A file is written under a hidden name ({@code .<name>.part}, which the batch job skips) and renamed into
 * place when full, so a reader never sees half a file. Memory is constant: one buffer per topic.
 */
public final class LakeWriter implements Closeable {

    private static final int BUFFER_BYTES = 1 << 20;
    private static final int PARTITION = 0;

    private final Path lake;
    private final TopicLayout layout;
    private final Topics topics;
    private final int flushSize;
    private final ObjectWriter json = JsonCodec.get().mapper().writer();
    private final Map<SourceTable, TopicFile> open = new EnumMap<>(SourceTable.class);
    private final List<Path> written = new ArrayList<>();
    private long records;
    private long bytes;

    /** A writer of the sink's default layout ({@code topics/...}). */
    public LakeWriter(Path lake, Topics topics, int flushSize) throws IOException {
        this(lake, TopicLayout.defaults(), topics, flushSize);
    }

    /**
     * @param lake      the lake's root folder (created if missing)
     * @param layout    the sink's layout, its {@code topics.dir} included
     * @param flushSize records per file, at least 1
     * @throws IllegalStateException when a topic folder of the lake already holds files: a generated lake never
     *                               mixes with another one
     */
    public LakeWriter(Path lake, TopicLayout layout, Topics topics, int flushSize) throws IOException {
        if (flushSize < 1) {
            throw new IllegalArgumentException("flush size must be at least 1, got " + flushSize);
        }
        this.lake = Files.createDirectories(lake);
        this.layout = layout;
        this.topics = topics;
        this.flushSize = flushSize;
        for (SourceTable table : SourceTable.values()) {
            Path folder = partitionFolder(table);
            if (holdsFiles(folder)) {
                throw new IllegalStateException("the lake already holds files in " + folder
                        + "; write a generated lake into an empty folder (or delete the old one first)");
            }
        }
    }

    /** The folder one topic's files land in. */
    public Path partitionFolder(SourceTable table) {
        return lake.resolve(layout.partitionDir(topics.batch(table), PARTITION));
    }

    /** Appends the row's pin, geo and user record to their topics (one draw of the emulator). */
    public void write(SourceRow row) throws IOException {
        append(SourceTable.PIN, row.pin());
        append(SourceTable.GEO, row.geo());
        append(SourceTable.USER, row.user());
        records++;
        if (records % flushSize == 0) {
            for (SourceTable table : SourceTable.values()) {
                commit(table);
            }
        }
    }

    /** Records written to each topic so far. */
    public long recordsPerTopic() {
        return records;
    }

    /** Bytes of the files renamed into place so far. */
    public long bytesWritten() {
        return bytes;
    }

    /** Writes the last, partly filled files and returns every file of the lake, in the order they were finished. */
    public List<Path> finish() throws IOException {
        for (SourceTable table : SourceTable.values()) {
            commit(table);
        }
        return List.copyOf(written);
    }

    /** Deletes the file being written, if any: only finished files stay. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (TopicFile file : open.values()) {
            try {
                file.out.close();
                Files.deleteIfExists(file.part);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        open.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private void append(SourceTable table, SourceRecord record) throws IOException {
        TopicFile file = open.get(table);
        if (file == null) {
            file = start(table);
            open.put(table, file);
        }
        file.out.write(json.writeValueAsBytes(record));
        file.out.write('\n');
    }

    private TopicFile start(SourceTable table) throws IOException {
        String topic = topics.batch(table);
        Path folder = Files.createDirectories(partitionFolder(table));
        Path target = folder.resolve(layout.fileName(topic, PARTITION, records,
                TopicLayout.JSON_EXTENSION));
        Path part = folder.resolve("." + target.getFileName() + ".part");
        return new TopicFile(part, target, new BufferedOutputStream(Files.newOutputStream(part), BUFFER_BYTES));
    }

    private void commit(SourceTable table) throws IOException {
        TopicFile file = open.remove(table);
        if (file == null) {
            return;
        }
        file.out.close();
        Files.move(file.part, file.target, StandardCopyOption.ATOMIC_MOVE);
        bytes += Files.size(file.target);
        written.add(file.target);
    }

    private static boolean holdsFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isPresent();
        }
    }

    private record TopicFile(Path part, Path target, OutputStream out) {
    }
}
