package io.pinpipe.connect.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where lake files go. The sink's exactly-once argument rests on this contract.
 *
 * <p>{@link #put} is atomic: when it returns, a reader sees the whole object under its name and it survives a crash of
 * the writer's process; once a later {@link #sync} returns it also survives a crash of the machine. If {@code put}
 * throws, a reader sees either nothing new under the name or the object the name held before. Writing a name again
 * replaces it; a {@link #delete} too becomes durable with the next {@code sync}. {@code put} may be called from several
 * threads at once, for different names. Implementations report failures as exceptions that {@link StorageErrors}
 * classifies; they never retry themselves.
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Stores the remaining bytes of {@code content} under {@code name} ({@code topics/<topic>/.../<file>.json}),
     * atomically. The buffer is the caller's again when this returns; its position may have moved.
     */
    void put(String name, ByteBuffer content) throws IOException;

    /** {@link #put(String, ByteBuffer)} of a whole array. */
    default void put(String name, byte[] content) throws IOException {
        put(name, ByteBuffer.wrap(content));
    }

    /**
     * Makes every {@link #put} that returned before this call durable against a machine crash. The default does
     * nothing: for stores whose {@code put} is durable when it returns (S3: an upload is durable once it completes).
     */
    default void sync() throws IOException {
    }

    /** Names of all objects whose name starts with {@code prefix}, in no particular order. */
    List<String> list(String prefix) throws IOException;

    /**
     * Removes what interrupted {@link #put}s left under {@code prefix} for objects whose final name {@code ours}
     * accepts: hidden temporary files (local folder), incomplete multipart uploads (S3). Call it only for names no
     * live writer is storing (a task does, for a partition it was just given): such leftovers can never complete.
     * Returns how many were removed. The default removes nothing.
     */
    default int removeIncomplete(String prefix, Predicate<String> ours) throws IOException {
        return 0;
    }

    /** Removes an object; a missing object is not an error. */
    void delete(String name) throws IOException;

    /** Reads an object back (tests and tools; the sink never reads). */
    byte[] get(String name) throws IOException;

    /** Where the store points, for messages: a folder or {@code s3://bucket}. Never credentials. */
    String describe();

    @Override
    void close();
}
