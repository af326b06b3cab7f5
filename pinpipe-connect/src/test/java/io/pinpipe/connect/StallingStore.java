package io.pinpipe.connect;

import io.pinpipe.connect.store.ObjectStore;
import io.pinpipe.connect.store.PublishGuard;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real store whose writes of chosen names wait until released, as a slow S3 PUT, a disk or a paused worker process
 * stalls a task past the poll interval; it also counts what listings cost, in calls and names returned. The stall
 * comes before the write's guard is asked (a writer that stalls before it publishes), or, for {@link #afterCheck},
 * between the guard and the publish: the window that no check can close.
 */
final class StallingStore extends ForwardingStore {

    private final Predicate<String> stalled;
    private final boolean afterCheck;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch stalling = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    final AtomicInteger listings = new AtomicInteger();
    final AtomicInteger namesListed = new AtomicInteger();

    StallingStore(ObjectStore delegate, Predicate<String> stalled) {
        this(delegate, stalled, false);
    }

    private StallingStore(ObjectStore delegate, Predicate<String> stalled, boolean afterCheck) {
        super(delegate);
        this.stalled = stalled;
        this.afterCheck = afterCheck;
    }

    /** A store whose writes of chosen names stall after their guard allowed them, just before they publish. */
    static StallingStore afterCheck(ObjectStore delegate, Predicate<String> stalled) {
        return new StallingStore(delegate, stalled, true);
    }

    /** A store that never stalls, to count listings. */
    static StallingStore counting(ObjectStore delegate) {
        return new StallingStore(delegate, name -> false);
    }

    /** Waits until a write of a stalled name has begun. */
    void awaitStall() throws InterruptedException {
        awaitLatch(stalling, "no write stalled");
    }

    /** Lets the stalled write go on to the real store. */
    void release() {
        release.countDown();
    }

    /** Waits until the stalled write, released, has ended (published, refused or stopped by its guard). */
    void awaitStallEnded() throws InterruptedException {
        awaitLatch(ended, "the stalled write did not end");
    }

    @Override
    public void put(String name, ByteBuffer content, PublishGuard guard) throws IOException {
        if (!stalled.test(name)) {
            super.put(name, content, guard);
            return;
        }
        try {
            if (afterCheck) {
                super.put(name, content, checked -> {
                    guard.check(checked);
                    stall(checked);
                });
            } else {
                stall(name);
                super.put(name, content, guard);
            }
        } finally {
            ended.countDown();
        }
    }

    private void stall(String name) throws InterruptedIOException {
        stalling.countDown();
        try {
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("stalled write of " + name + " never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stalled on " + name);
        }
    }

    private static void awaitLatch(CountDownLatch latch, String failure) throws InterruptedException {
        if (!latch.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(failure + " within 30 s");
        }
    }

    @Override
    public List<String> list(String prefix, String startAfter) throws IOException {
        List<String> names = super.list(prefix, startAfter);
        listings.incrementAndGet();
        namesListed.addAndGet(names.size());
        return names;
    }
}
