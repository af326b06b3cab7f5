package io.pinpipe.common;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition in tests, bounded: one poll loop instead of sleep-and-poll copies per test. */
public final class Await {

    private static final long POLL_MILLIS = 100;

    private Await() {
    }

    /** Waits until {@code condition} holds; false when {@code timeout} passed first. */
    public static boolean until(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }
}
