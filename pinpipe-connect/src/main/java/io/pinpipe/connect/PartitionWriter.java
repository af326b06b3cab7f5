package io.pinpipe.connect;

import io.pinpipe.common.TopicLayout;
import io.pinpipe.connect.store.ObjectStore;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * The files of one topic partition: the one open file records are appended to, the closed files waiting to be
 * stored, and the offset up to which everything is durable.
 *
 * <p>A file closes when it holds {@code flush.size} records, when the next record goes to another folder, when the
 * next record's timestamp is {@code rotate.interval.ms} past the file's first record (all decided by the records
 * alone), or when a wall-clock rule fires for an idle file ({@link #closeIfDue}). The offset handed to Connect for
 * committing is the start of the oldest file not yet stored, so a record is committed only once its file is durable.
 */
final class PartitionWriter {

    private final String topic;
    private final int partition;
    private final TopicLayout layout;
    private final Rotation rotation;
    private final Deque<ClosedFile> closed = new ArrayDeque<>();
    private OpenFile open;
    private long nextOffset = -1;

    PartitionWriter(String topic, int partition, TopicLayout layout, Rotation rotation) {
        this.topic = topic;
        this.partition = partition;
        this.layout = layout;
        this.rotation = rotation;
    }

    /** True for a record this writer has already taken: Connect hands a batch again after a retriable failure. */
    boolean alreadySeen(long offset) {
        return nextOffset >= 0 && offset < nextOffset;
    }

    /** True before the first record since the partition was assigned. */
    boolean isFresh() {
        return nextOffset < 0;
    }

    void append(long offset, Long timestamp, String folder, byte[] line, long now) {
        if (open != null && (!open.folder.equals(folder) || rotation.timeRotates(open.firstTimestamp, timestamp))) {
            closeOpen();
        }
        if (open == null) {
            open = new OpenFile(folder, offset, timestamp, now);
        }
        open.content.append(line);
        open.count++;
        nextOffset = offset + 1;
        if (open.count >= rotation.flushSize()) {
            closeOpen();
        }
    }

    /** A record that went to the dead-letter path instead of a file: it counts as done. */
    void skip(long offset) {
        nextOffset = offset + 1;
    }

    /** Closes the open file if a wall-clock rule says it has waited long enough. */
    void closeIfDue(long now) {
        if (open != null && rotation.wallClockRotates(open.firstTimestamp, open.openedAt, now)) {
            closeOpen();
        }
    }

    /** Stores the closed files in offset order; stops at the first failure, keeping that file and the rest. */
    void storeClosed(ObjectStore store) throws IOException {
        while (!closed.isEmpty()) {
            ClosedFile file = closed.peekFirst();
            store.put(file.name, file.content);
            closed.removeFirst();
        }
    }

    /** The name of the oldest file waiting to be stored, for error messages. */
    String nextFileName() {
        return closed.isEmpty() ? layout.topicDir(topic) : closed.peekFirst().name;
    }

    /** The offset Connect may commit: every record before it is in a durable file or was dead-lettered. */
    OptionalLong committableOffset() {
        if (!closed.isEmpty()) {
            return OptionalLong.of(closed.peekFirst().startOffset);
        }
        if (open != null) {
            return OptionalLong.of(open.startOffset);
        }
        return nextOffset >= 0 ? OptionalLong.of(nextOffset) : OptionalLong.empty();
    }

    int recordsBuffered() {
        return open == null ? 0 : open.count;
    }

    private void closeOpen() {
        String name = layout.topicDir(topic) + "/" + open.folder + "/"
                + layout.fileName(topic, partition, open.startOffset, TopicLayout.JSON_EXTENSION);
        closed.addLast(new ClosedFile(name, open.startOffset, open.content.toByteArray()));
        open = null;
    }

    private static final class OpenFile {
        final String folder;
        final long startOffset;
        final Long firstTimestamp;
        final long openedAt;
        final LineBuffer content = new LineBuffer();
        int count;

        OpenFile(String folder, long startOffset, Long firstTimestamp, long openedAt) {
            this.folder = folder;
            this.startOffset = startOffset;
            this.firstTimestamp = firstTimestamp;
            this.openedAt = openedAt;
        }
    }

    /** The bytes of an open file: lines, each followed by '\n'. Unsynchronized, unlike ByteArrayOutputStream. */
    private static final class LineBuffer {
        private byte[] bytes = new byte[64 * 1024];
        private int size;

        void append(byte[] line) {
            int needed = size + line.length + 1;
            if (needed > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
            }
            System.arraycopy(line, 0, bytes, size, line.length);
            size += line.length;
            bytes[size++] = '\n';
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(bytes, size);
        }
    }

    private record ClosedFile(String name, long startOffset, byte[] content) {
    }

    /** When files close: by count, by record time, and (for idle files) by wall clock. */
    record Rotation(int flushSize, long rotateIntervalMs, long scheduleIntervalMs, ZoneId zone) {

        boolean timeRotates(Long firstTimestamp, Long timestamp) {
            return rotateIntervalMs > 0 && firstTimestamp != null && timestamp != null
                    && timestamp - firstTimestamp >= rotateIntervalMs;
        }

        boolean wallClockRotates(Long firstTimestamp, long openedAt, long now) {
            if (rotateIntervalMs > 0 && firstTimestamp != null && now - firstTimestamp >= rotateIntervalMs) {
                return true;
            }
            return scheduleIntervalMs > 0 && now >= nextBoundary(openedAt);
        }

        /** The first schedule boundary after {@code time}; boundaries are aligned to midnight in the zone. */
        long nextBoundary(long time) {
            long offsetMs = zone.getRules().getOffset(Instant.ofEpochMilli(time)).getTotalSeconds() * 1000L;
            long local = time + offsetMs;
            return local - Math.floorMod(local, scheduleIntervalMs) + scheduleIntervalMs - offsetMs;
        }
    }
}
