package io.pinpipe.connect;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The byte arrays files are built in, reused once a file is stored. Files of {@code flush.size} records are megabytes
 * each; allocating two arrays per file (grow, then trim) made the garbage collector the sink's second biggest cost.
 * Holds at most {@code capacity} spare arrays; used by the task thread only.
 */
final class BufferPool {

    private static final int MIN_BYTES = 1024;

    private final int capacity;
    private final Deque<byte[]> spare = new ArrayDeque<>();

    BufferPool(int capacity) {
        this.capacity = capacity;
    }

    /** A spare array, or a new one of {@code bytes} (at least 1 KiB) when none is left. */
    byte[] take(int bytes) {
        byte[] buffer = spare.pollFirst();
        return buffer != null ? buffer : new byte[Math.max(MIN_BYTES, bytes)];
    }

    /** Hands an array back once nothing reads it any more. */
    void give(byte[] buffer) {
        if (spare.size() < capacity) {
            spare.addFirst(buffer);
        }
    }
}
