package io.pinpipe.connect;

import io.pinpipe.connect.store.ObjectStore;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real store whose writes of chosen names wait until released, as a slow S3 PUT or disk stalls a task past the
 * poll interval; it also counts what listings cost, in calls and names returned.
 */
final class StallingStore extends ForwardingStore {

    private final Predicate<String> stalled;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch stalling = new CountDownLatch(1);
    final AtomicInteger listings = new AtomicInteger();
    final AtomicInteger namesListed = new AtomicInteger();

    StallingStore(ObjectStore delegate, Predicate<String> stalled) {
        super(delegate);
        this.stalled = stalled;
    }

    /** A store that never stalls, to count listings. */
    static StallingStore counting(ObjectStore delegate) {
        return new StallingStore(delegate, name -> false);
    }

    /** Waits until a write of a stalled name has begun. */
    void awaitStall() throws InterruptedException {
        if (!stalling.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no write stalled within 30 s");
        }
    }

    /** Lets the stalled write go on to the real store. */
    void release() {
        release.countDown();
    }

    @Override
    public void put(String name, ByteBuffer content) throws IOException {
        if (stalled.test(name)) {
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
        super.put(name, content);
    }

    @Override
    public List<String> list(String prefix, String startAfter) throws IOException {
        List<String> names = super.list(prefix, startAfter);
        listings.incrementAndGet();
        namesListed.addAndGet(names.size());
        return names;
    }
}
