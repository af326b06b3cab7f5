package io.pinpipe.connect;

import io.pinpipe.connect.store.ObjectStore;
import io.pinpipe.connect.store.PublishGuard;

import java.io.IOException;
import java.util.List;
import java.util.Random;

/**
 * A real store that fails now and then: before a write (nothing stored) or after it (stored, but the writer is told
 * it failed) — the two ways a store outage meets a sink.
 */
final class FlakyStore extends ForwardingStore {

    private final Random random;
    private final double failureRate;
    final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

    FlakyStore(ObjectStore delegate, Random random, double failureRate) {
        super(delegate);
        this.random = random;
        this.failureRate = failureRate;
    }

    @Override
    public void put(String name, java.nio.ByteBuffer content, PublishGuard guard) throws IOException {
        maybeFail("before writing " + name);
        super.put(name, content, guard);
        maybeFail("after writing " + name);
    }

    @Override
    public List<String> list(String prefix, String startAfter) throws IOException {
        maybeFail("listing " + prefix);
        return super.list(prefix, startAfter);
    }

    @Override
    public void delete(String name) throws IOException {
        maybeFail("deleting " + name);
        super.delete(name);
    }

    @Override
    public String describe() {
        return "flaky " + super.describe();
    }

    private void maybeFail(String what) throws IOException {
        if (random.nextDouble() < failureRate) {
            failures.incrementAndGet();
            throw new IOException("injected failure " + what);
        }
    }
}
