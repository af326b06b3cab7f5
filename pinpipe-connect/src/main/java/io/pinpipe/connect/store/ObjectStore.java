package io.pinpipe.connect.store;

import java.io.IOException;
import java.util.List;

/**
 * Where lake files go. The sink's exactly-once argument rests on this contract.
 *
 * <p>{@link #put} is atomic and durable: when it returns, a reader sees the whole object under its name and it
 * survives a crash of the writer or the machine; if it throws, a reader sees either nothing new under the name or
 * the object the name held before. Writing a name again replaces it. Implementations report failures as exceptions
 * that {@link StorageErrors} classifies; they never retry themselves.
 */
public interface ObjectStore extends AutoCloseable {

    /** Stores {@code content} under {@code name} ({@code topics/<topic>/.../<file>.json}), atomically and durably. */
    void put(String name, byte[] content) throws IOException;

    /** Names of all objects whose name starts with {@code prefix}, in no particular order. */
    List<String> list(String prefix) throws IOException;

    /** Removes an object; a missing object is not an error. */
    void delete(String name) throws IOException;

    /** Reads an object back (tests and tools; the sink never reads). */
    byte[] get(String name) throws IOException;

    /** Where the store points, for messages: a folder or {@code s3://bucket}. Never credentials. */
    String describe();

    @Override
    void close();
}
