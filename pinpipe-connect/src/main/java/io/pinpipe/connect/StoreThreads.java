package io.pinpipe.connect;

import io.pinpipe.connect.store.ObjectStore;
import io.pinpipe.connect.store.PublishGuard;
import io.pinpipe.connect.store.Staged;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores closed files on background threads while the task fills the next ones, so the store's waits (fsync, an
 * upload) overlap with reading records, and with each other: several files of one partition are written at once
 * ({@link ObjectStore#stage}) while each is published only after the one before it.
 *
 * <p>At most {@code threads} files are being stored at once. {@link #submit} waits for a free thread: that bounds the
 * memory held by closed files and slows the task to the store's pace (back-pressure on {@code put}). Every wait of the
 * task thread here ({@link #submit}, {@link #await}) is bounded by {@code store.wait.max.ms} and then fails with an
 * {@link IOException} (retriable), so a stalled store never keeps the task from polling past
 * {@code max.poll.interval.ms}, which would hand its partitions to another task while it still writes them. With 0
 * threads a file is stored on the caller's thread before {@link #submit} returns. The outcome of each store is a
 * future; this class never retries and never decides what a failure means (the task does, see {@link LakeSinkTask}).
 */
final class StoreThreads implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ObjectStore store;
    private final ExecutorService executor;
    private final Semaphore free;
    private final long maxWaitMs;
    private final int threads;

    StoreThreads(ObjectStore store, int threads, long maxWaitMs) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must not be negative, was " + threads);
        }
        this.store = store;
        this.maxWaitMs = maxWaitMs;
        this.threads = threads;
        this.free = new Semaphore(threads);
        if (threads == 0) {
            this.executor = null;
        } else {
            String prefix = "lake-store-" + POOLS.incrementAndGet() + "-";
            AtomicInteger count = new AtomicInteger();
            this.executor = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /**
     * Starts storing {@code content} under {@code name}; waits while every thread is busy. The file is staged
     * ({@link ObjectStore#stage}: written where readers do not look) at once, but published only once {@code after},
     * the store of the partition's file before it, completed normally: files of a partition travel together and land
     * in offset order. If {@code after} failed, this file is discarded and its store fails with
     * {@link EarlierFileNotStored}. The buffer must not change until the future completes. {@code guard} is asked just
     * before the file is published. The future completes when the file is published, or exceptionally with what
     * failed.
     */
    CompletableFuture<Void> submit(String name, ByteBuffer content, PublishGuard guard, CompletableFuture<Void> after)
            throws IOException {
        if (executor == null) {
            return storeNow(name, content, guard, after);
        }
        try {
            if (!free.tryAcquire(maxWaitMs, TimeUnit.MILLISECONDS)) {
                throw tooSlow("no store thread came free to store " + name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to store " + name);
        }
        CompletableFuture<Void> stored = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    store(name, content, guard, after);
                    stored.complete(null);
                } catch (Throwable e) {
                    stored.completeExceptionally(e);
                } finally {
                    free.release();
                }
            });
        } catch (RejectedExecutionException e) {
            free.release();
            stored.completeExceptionally(e);
        }
        return stored;
    }

    /** How many files of one partition may be stored at once: one per thread, one when storing on the task thread. */
    int filesPerPartition() {
        return Math.max(1, threads);
    }

    /**
     * Stages, waits for the file before, publishes. The wait holds a thread, which cannot deadlock: a file is
     * submitted only when a thread is free for it, so the file before is already running or done.
     */
    private void store(String name, ByteBuffer content, PublishGuard guard, CompletableFuture<Void> after)
            throws IOException {
        Staged staged = store.stage(name, content);
        try {
            try {
                after.get();
            } catch (ExecutionException e) {
                throw new EarlierFileNotStored(name, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while " + name + " waited for the file before it");
            }
            staged.publish(guard);
        } finally {
            staged.discard();
        }
    }

    /** Waits until the store of {@code name} ended, whatever its outcome, for at most {@code store.wait.max.ms}. */
    void await(CompletableFuture<Void> stored, String name) throws IOException {
        try {
            stored.handle((done, error) -> null).get(maxWaitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw tooSlow("storing " + name + " did not end");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + name + " to be stored");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a handled future failed", e);
        }
    }

    private IOException tooSlow(String what) {
        return new IOException(what + " within " + maxWaitMs + " ms (store.wait.max.ms); the store is too slow, so"
                + " the task polls again instead of waiting past the poll interval");
    }

    /**
     * Lets the files being stored finish for at most {@code store.wait.max.ms}, then interrupts the threads. Their files
     * are of partitions the task was closed on, whose guards stop them anyway; their records are uncommitted.
     */
    @Override
    public void close() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(maxWaitMs, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private CompletableFuture<Void> storeNow(String name, ByteBuffer content, PublishGuard guard,
            CompletableFuture<Void> after) {
        try {
            store(name, content, guard, after);
            return CompletableFuture.completedFuture(null);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A file not published because the file of its partition before it was not: publishing it would let a file land
     * after an earlier one failed. It is stored again once the earlier one is; not a store failure of its own.
     */
    static final class EarlierFileNotStored extends IOException {
        EarlierFileNotStored(String name, Throwable cause) {
            super(name + " waits for the file before it, which was not stored: " + cause, cause);
        }
    }
}
