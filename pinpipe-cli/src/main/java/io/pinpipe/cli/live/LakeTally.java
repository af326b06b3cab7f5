package io.pinpipe.cli.live;

import io.pinpipe.common.LakeFiles;
import io.pinpipe.common.TopicLayout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the lake sink landed in a local lake folder, per topic: files, bytes, records (lines) and the newest file's
 * time. A complete lake file never changes once it has its name (the sink writes a hidden file and renames it), so
 * each file is read once and its count kept: a refresh lists the folders and reads only the files that are new.
 */
final class LakeTally {

    private final Path root;
    private final TopicLayout layout;
    private final Map<Path, FileCount> counted = new HashMap<>();

    LakeTally(Path root, TopicLayout layout) {
        this.root = root;
        this.layout = layout;
    }

    /** What one topic holds in the lake now; all zero when it has no folder yet. */
    synchronized PipelineSnapshot.LakeTopic of(String topic) {
        int files = 0;
        long bytes = 0;
        long records = 0;
        Instant newest = null;
        for (Path file : LakeFiles.of(root, layout, topic)) {
            FileCount count = counted.computeIfAbsent(file, LakeTally::count);
            files++;
            bytes += count.bytes();
            records += count.records();
            newest = newest == null || count.modified().isAfter(newest) ? count.modified() : newest;
        }
        return new PipelineSnapshot.LakeTopic(files, bytes, records, newest);
    }

    private static FileCount count(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            long lines = 0;
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
            return new FileCount(Files.size(file), lines, Files.getLastModifiedTime(file).toInstant());
        } catch (NoSuchFileException gone) {
            // Removed between the listing and the read (a lake being emptied): it holds nothing now.
            return new FileCount(0, 0, Instant.EPOCH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lake file " + file, e);
        }
    }

    private record FileCount(long bytes, long records, Instant modified) {
    }

    /** For tests: how many files have been read so far. */
    synchronized int filesRead() {
        return counted.size();
    }
}
