package io.pinpipe.connect.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where lake files go. The sink's exactly-once and fencing arguments rest on this contract.
 *
 * <p>{@link #put} is atomic: when it returns, a reader sees the whole object under its name and it survives a crash of
 * the writer's process; once a later {@link #sync} returns it also survives a crash of the machine. If {@code put}
 * throws, a reader sees either nothing new under the name or the object the name held before. {@code put} never
 * replaces an object: a name that already holds the same bytes is success (a replay), other bytes are an
 * {@link ObjectConflictException}. A {@link #delete} becomes durable with the next {@code sync}. {@code put} may be
 * called from several threads at once, for different names. Implementations report failures as exceptions that
 * {@link StorageErrors} classifies; they never retry themselves.
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Stores the remaining bytes of {@code content} under {@code name} ({@code topics/<topic>/.../<file>.json})
     * atomically, unless the name is taken: then returns if the object there holds the same bytes and throws
     * {@link ObjectConflictException} if not. The buffer is the caller's again when this returns; its position may
     * have moved.
     */
    default void put(String name, ByteBuffer content) throws IOException {
        put(name, content, PublishGuard.NONE);
    }

    /**
     * {@link #put(String, ByteBuffer)}, asking {@code guard} as late as the store allows before the object becomes
     * visible (after the bytes are written locally or uploaded in parts, just before the link, the PUT or the
     * upload's completion); when the guard throws, nothing is published and {@code put} throws what it threw.
     */
    void put(String name, ByteBuffer content, PublishGuard guard) throws IOException;

    /**
     * Writes the remaining bytes of {@code content} for {@code name} where no reader looks, so that the slow part of
     * storing (writing and forcing a file, uploading) can run for several files of a partition at once while they are
     * still published one after the other ({@link Staged#publish}, with the contract of {@link #put}). The buffer must
     * not change until the file is published or discarded. The default writes nothing ahead: its publish is a put.
     */
    default Staged stage(String name, ByteBuffer content) throws IOException {
        return new Staged() {
            @Override
            public void publish(PublishGuard guard) throws IOException {
                put(name, content, guard);
            }

            @Override
            public void discard() {
                // Nothing was written ahead.
            }
        };
    }

    /** {@link #put(String, ByteBuffer)} of a whole array. */
    default void put(String name, byte[] content) throws IOException {
        put(name, ByteBuffer.wrap(content));
    }

    /**
     * Stores {@code content} under {@code name} atomically, replacing what the name held: for the hidden marker
     * objects the sink keeps beside the lake ({@code OwnerMarker}), never for lake files.
     */
    void replace(String name, byte[] content) throws IOException;

    /**
     * Makes every {@link #put} that returned before this call durable against a machine crash. The default does
     * nothing: for stores whose {@code put} is durable when it returns (S3: an upload is durable once it completes).
     */
    default void sync() throws IOException {
    }

    /** Names of all objects whose name starts with {@code prefix}, in no particular order. */
    default List<String> list(String prefix) throws IOException {
        return list(prefix, "");
    }

    /**
     * Names of the objects whose name starts with {@code prefix} and sorts after {@code startAfter} (by UTF-8 bytes,
     * as S3 lists; empty: all of them), in no particular order. The cost is bounded by the names returned, not by
     * what sorts before {@code startAfter}, where the store can (S3); a local folder reads the names of one folder.
     */
    List<String> list(String prefix, String startAfter) throws IOException;

    /**
     * Removes what interrupted {@link #put}s of this store left in {@code folder} (not below it) for objects whose
     * final name {@code ours} accepts: the local folder's hidden temporary files. A task calls it for a folder of
     * a partition it was just given; if a task that lost the partition is still storing there, its put fails (and
     * is never retried into the lake, see the fencing rules in docs/lake-sink.md). Returns how many were removed. The default removes nothing: an S3 multipart upload is aborted only by the
     * writer that started it, since another task's upload may be live (see {@code S3Store}).
     */
    default int removeIncomplete(String folder, Predicate<String> ours) throws IOException {
        return 0;
    }

    /** Removes an object; a missing object is not an error. */
    void delete(String name) throws IOException;

    /**
     * Reads an object back (the sink reads only owner markers and a taken name it compares with its file); a missing
     * object is a {@link java.nio.file.NoSuchFileException}.
     */
    byte[] get(String name) throws IOException;

    /** Where the store points, for messages: a folder or {@code s3://bucket}. Never credentials. */
    String describe();

    @Override
    void close();
}
