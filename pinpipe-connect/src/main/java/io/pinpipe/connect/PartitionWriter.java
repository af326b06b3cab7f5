package io.pinpipe.connect;

import io.pinpipe.common.TopicLayout;
import io.pinpipe.connect.store.NotOwnerException;
import io.pinpipe.connect.store.ObjectConflictException;
import io.pinpipe.connect.store.PublishGuard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The files of one topic partition: the one open file records are appended to, the closed files waiting to be
 * stored, and the offset up to which everything is durable.
 *
 * <p>A file closes when it holds {@code flush.size} records, when the next record goes to another folder, when the
 * next record's timestamp is {@code rotate.interval.ms} past the file's first record (all decided by the records
 * alone), or when a wall-clock rule fires for an idle file ({@link #closeIfDue}). The offset handed to Connect for
 * committing is the start of the oldest file not yet stored, so a record is committed only once its file is stored.
 *
 * <p>Closed files are stored on {@link StoreThreads} while records keep coming, one after the other in offset order;
 * each keeps the future of its store. A file whose name another writer took with other content fences the partition
 * ({@link #fence}): nothing more of it is stored or offered for commit. Every file is handed to the store with this
 * writer's {@link PublishGuard} ({@link #guard}), asked right before the file is published: it stops the file once
 * the task was closed on the partition ({@link #revoke}; a writer lives for one assignment, so this is the
 * assignment's generation) or once the owner marker names another task ({@link OwnerMarker}). Only the task thread
 * touches this class, except the guard, which the store threads call; the futures are the other link to them.
 */
final class PartitionWriter {

    private final String topic;
    private final int partition;
    private final TopicLayout layout;
    private final Rotation rotation;
    private final BufferPool buffers;
    private final Deque<ClosedFile> closed = new ArrayDeque<>();
    /** Folders this partition's earlier owners' uncommitted files were removed from since it was assigned. */
    private final Set<String> cleanFolders = new HashSet<>();
    private OpenFile open;
    private long nextOffset = -1;
    private long resumeOffset = -1;
    private boolean fenced;
    /** Set when the task is closed on the partition; read by the store threads through {@link #guard}. */
    private volatile boolean revoked;
    /** The owner marker's check, once this task claimed the partition in the store. */
    private volatile PublishGuard marker;
    /** The size of the last file closed: files of one partition are alike, so the next buffer starts that big. */
    private int lastFileBytes = 64 * 1024;

    PartitionWriter(String topic, int partition, TopicLayout layout, Rotation rotation, BufferPool buffers) {
        this.buffers = buffers;
        this.topic = topic;
        this.partition = partition;
        this.layout = layout;
        this.rotation = rotation;
    }

    /** True for a record this writer has already taken: Connect hands a batch again after a retriable failure. */
    boolean alreadySeen(long offset) {
        return nextOffset >= 0 && offset < nextOffset;
    }

    /** Notes where Connect resumed the partition: the first offset it hands after the assignment. */
    void resumeAt(long offset) {
        if (resumeOffset < 0) {
            resumeOffset = offset;
        }
    }

    /** The offset Connect resumed the partition at (its committed offset then); -1 before the first record. */
    long resumeOffset() {
        return resumeOffset;
    }

    /** True once the uncommitted files of earlier owners were removed from {@code folder} (see LakeSinkTask). */
    boolean isClean(String folder) {
        return cleanFolders.contains(folder);
    }

    void markClean(String folder) {
        cleanFolders.add(folder);
    }

    boolean isFenced() {
        return fenced;
    }

    /** True once this task wrote its owner marker for the partition (before its first clean-up). */
    boolean hasClaimed() {
        return marker != null;
    }

    void claimed(PublishGuard ownerMarker) {
        marker = ownerMarker;
    }

    /**
     * What every publish and delete of this partition asks first: the partition is still open on this task, and the
     * store's owner marker is still this task's.
     */
    PublishGuard guard() {
        return name -> {
            if (revoked) {
                throw new NotOwnerException(name, topic + "-" + partition + " was closed on this task");
            }
            PublishGuard ownerMarker = marker;
            if (ownerMarker == null) {
                throw new NotOwnerException(name, topic + "-" + partition + " was never claimed by this task");
            }
            ownerMarker.check(name);
        };
    }

    /**
     * The task was closed on the partition (a rebalance took it, or the task stops): from now on no file of this
     * writer is published, the open and waiting ones are dropped, and a store in flight stops at its guard.
     */
    void revoke() {
        revoked = true;
        fence();
    }

    /** Completes when none of the files handed to the store threads is being stored any more, whatever the outcome. */
    CompletableFuture<Void> storesEnded() {
        return CompletableFuture.allOf(closed.stream().filter(file -> file.stored != null)
                .map(file -> file.stored.handle((done, error) -> null)).toArray(CompletableFuture[]::new));
    }

    /**
     * Stops writing this partition for good: another writer published a file of it first, so this task may have
     * lost the partition. The open file and the closed files not yet being stored are dropped (the failed one too:
     * it is never stored again), and no offset is offered again.
     */
    void fence() {
        fenced = true;
        if (open != null) {
            buffers.give(open.content.bytes);
            open = null;
        }
        closed.removeIf(file -> file.stored == null);
    }

    void append(long offset, Long timestamp, String folder, byte[] line, long now) {
        if (open != null && (!open.folder.equals(folder) || rotation.timeRotates(open.firstTimestamp, timestamp))) {
            closeOpen();
        }
        if (open == null) {
            open = new OpenFile(folder, offset, timestamp, now, buffers.take(lastFileBytes + lastFileBytes / 8));
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

    /**
     * Reports finished stores, then hands the oldest closed file to {@code threads} (waiting for a free thread) if none
     * of this partition's files is being stored: every partition gets a thread before any gets a second one.
     */
    void storeClosed(StoreThreads threads) throws StoreFailure, IOException {
        storeClosed(threads, 1);
    }

    /**
     * Reports finished stores, then hands the closed files not yet being stored to {@code threads} (waiting for a free
     * thread), oldest first, while fewer than {@code maxInFlight} are being stored. Each is published only after the
     * one before it (its store waits for that one's future): a partition's files land in offset order, so none lands
     * after an earlier one failed, and a task fenced by a conflicting file publishes nothing after it.
     * A failed store is thrown as a {@link StoreFailure} naming its file, and that file is handed over again on the
     * next call, with the files after it that it held back: re-storing a name with the same content is harmless.
     */
    private void storeClosed(StoreThreads threads, int maxInFlight) throws StoreFailure, IOException {
        if (fenced) {
            return;
        }
        throwFirstFailure();
        CompletableFuture<Void> before = CompletableFuture.completedFuture(null);
        int inFlight = 0;
        for (ClosedFile file : closed) {
            if (file.stored != null && file.stored.isCompletedExceptionally()
                    && causeOf(file.stored) instanceof StoreThreads.EarlierFileNotStored) {
                file.stored = null;
            }
            if (file.stored != null && file.stored.isCompletedExceptionally()) {
                // Failed: nothing after it can be published before it is stored again (reported once it is the oldest).
                return;
            }
            if (file.stored == null) {
                if (inFlight >= maxInFlight) {
                    return;
                }
                file.stored = threads.submit(file.name, ByteBuffer.wrap(file.content, 0, file.length), guard(), before);
            }
            if (!file.stored.isDone()) {
                inFlight++;
            }
            before = file.stored;
        }
    }

    /**
     * Hands over up to {@link StoreThreads#filesPerPartition} files at once, and waits, storing one file after the
     * other, until every closed file is being stored: back-pressure, so a partition holds at most its open file and
     * {@link StoreThreads#filesPerPartition} closed files in memory.
     */
    void storeBacklog(StoreThreads threads) throws StoreFailure, IOException {
        int maxInFlight = threads.filesPerPartition();
        storeClosed(threads, maxInFlight);
        while (!fenced && closed.size() > maxInFlight) {
            threads.await(closed.peekFirst().stored, closed.peekFirst().name);
            storeClosed(threads, maxInFlight);
        }
    }

    /** Waits, at most {@code store.wait.max.ms}, until none of this partition's files is being stored. */
    void awaitStores(StoreThreads threads) throws IOException {
        for (ClosedFile file : closed) {
            if (file.stored != null) {
                threads.await(file.stored, file.name);
            }
        }
    }

    /** Waits until none of this partition's files is being stored, whatever the outcome. */
    void awaitStores() {
        for (ClosedFile file : closed) {
            if (file.stored != null) {
                file.stored.handle((done, error) -> null).join();
            }
        }
    }

    private void throwFirstFailure() throws StoreFailure {
        dropStored();
        ClosedFile oldest = closed.peekFirst();
        if (oldest != null && oldest.stored != null && oldest.stored.isCompletedExceptionally()) {
            Throwable cause = causeOf(oldest.stored);
            oldest.stored = null;
            if (cause instanceof StoreThreads.EarlierFileNotStored) {
                // Held back by a file that is gone from the queue since: not a failure of its own, stored again next.
                return;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new StoreFailure(oldest.name, (Exception) cause);
        }
    }

    /** Forgets the files at the front that are stored: their records are durable. */
    private void dropStored() {
        while (!closed.isEmpty()) {
            CompletableFuture<Void> stored = closed.peekFirst().stored;
            if (stored == null || !stored.isDone() || stored.isCompletedExceptionally()) {
                return;
            }
            buffers.give(closed.removeFirst().content);
        }
    }

    private static Throwable causeOf(CompletableFuture<Void> failed) {
        try {
            failed.join();
            throw new IllegalStateException("not failed");
        } catch (CompletionException | CancellationException e) {
            return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        }
    }

    /** The name of the oldest file waiting to be stored, for error messages. */
    String nextFileName() {
        return closed.isEmpty() ? layout.topicDir(topic) : closed.peekFirst().name;
    }

    /**
     * The offset Connect may commit: every record before it is in a durable file or was dead-lettered. None once the
     * partition is fenced, or while a store waits to be reported as a conflict.
     */
    OptionalLong committableOffset() {
        dropStored();
        if (fenced || closed.stream().anyMatch(ClosedFile::conflicted)) {
            return OptionalLong.empty();
        }
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
        String name = layout.folder(topic, open.folder) + "/" + layout.fileName(topic, partition, open.startOffset, TopicLayout.JSON_EXTENSION);
        closed.addLast(new ClosedFile(name, open.startOffset, open.content.bytes, open.content.size));
        lastFileBytes = open.content.size;
        open = null;
    }

    private static final class OpenFile {
        final String folder;
        final long startOffset;
        final Long firstTimestamp;
        final long openedAt;
        final LineBuffer content;
        int count;

        OpenFile(String folder, long startOffset, Long firstTimestamp, long openedAt, byte[] buffer) {
            this.content = new LineBuffer(buffer);
            this.folder = folder;
            this.startOffset = startOffset;
            this.firstTimestamp = firstTimestamp;
            this.openedAt = openedAt;
        }
    }

    /** The bytes of an open file: lines, each followed by '\n', in a pooled array that grows when needed. */
    private static final class LineBuffer {
        private byte[] bytes;
        private int size;

        LineBuffer(byte[] buffer) {
            bytes = buffer;
        }

        void append(byte[] line) {
            int needed = size + line.length + 1;
            if (needed > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
            }
            System.arraycopy(line, 0, bytes, size, line.length);
            size += line.length;
            bytes[size++] = '\n';
        }


    }

    /** A file waiting to be stored; {@code stored} is null until it is handed to the store threads. */
    private static final class ClosedFile {
        final String name;
        final long startOffset;
        final byte[] content;
        final int length;
        CompletableFuture<Void> stored;

        ClosedFile(String name, long startOffset, byte[] content, int length) {
            this.name = name;
            this.startOffset = startOffset;
            this.content = content;
            this.length = length;
        }

        boolean conflicted() {
            return stored != null && stored.isCompletedExceptionally()
                    && causeOf(stored) instanceof ObjectConflictException;
        }
    }

    /** A file the store could not take; the cause is what the store threw. */
    static final class StoreFailure extends Exception {
        private final String fileName;

        StoreFailure(String fileName, Exception cause) {
            super("storing " + fileName + " failed: " + cause, cause);
            this.fileName = fileName;
        }

        String fileName() {
            return fileName;
        }

        Exception cause() {
            return (Exception) getCause();
        }
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
