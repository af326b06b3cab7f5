package io.pinpipe.gateway.front;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A budget of heap bytes shared by every request in flight ({@code pinpipe.inflight.max.bytes}). A request reserves
 * what it will hold before it holds it and releases it when its response ends, so the sum of what requests hold
 * stays under the capacity whatever mix of requests arrives. Thread-safe and lock-free.
 */
public final class MemoryBudget {

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    public MemoryBudget(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a memory budget needs at least 1 byte, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** Reserves {@code bytes} when they fit next to what is reserved already; false (and nothing reserved) if not. */
    public boolean tryReserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot reserve " + bytes + " bytes");
        }
        long current;
        do {
            current = used.get();
            if (current + bytes > capacity) {
                return false;
            }
        } while (!used.compareAndSet(current, current + bytes));
        return true;
    }

    /**
     * Reserves {@code wanted} bytes for a request that holds {@code held} already, or, when that could never fit, as
     * many as the capacity leaves it; returns the bytes reserved, or 0 (and nothing reserved) when they do not fit now.
     */
    public long tryReserveClamped(long wanted, long held) {
        long bytes = Math.min(wanted, capacity - held);
        return bytes > 0 && tryReserve(bytes) ? bytes : 0;
    }

    public void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** Bytes reserved now, for metrics and tests. */
    public long used() {
        return used.get();
    }

    public long capacity() {
        return capacity;
    }
}
