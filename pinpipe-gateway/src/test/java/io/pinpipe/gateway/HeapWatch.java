package io.pinpipe.gateway;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live heap of this JVM (gateway and broker run in it) while an attack runs: once a second a thread collects
 * garbage and reads the used heap, so the peak it reports is what requests really held, not garbage waiting for a
 * collection. (Reading the heap after young collections instead counts old garbage too, and collecting more often
 * stalls the gateway enough to turn the attack into a different one.)
 */
final class HeapWatch implements AutoCloseable {

    private static final long PERIOD_MS = 1_000;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final long baseline;
    private final AtomicLong peak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    HeapWatch() {
        baseline = liveHeap();
        peak.set(baseline);
        sampler = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
                peak.accumulateAndGet(liveHeap(), Math::max);
            }
        }, "heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Bytes of live heap above the baseline at the highest sample so far. */
    long peakAboveBaseline() {
        return peak.get() - baseline;
    }

    /** Stops sampling, after one last sample so that what the attack still holds is counted. */
    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        peak.accumulateAndGet(liveHeap(), Math::max);
    }

    private static long liveHeap() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
