package io.pinpipe.emulator.post;

import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;
import io.pinpipe.emulator.source.SourceReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The posting emulator: draws row numbers as the course's script does, reads that row of each table, and posts the
 * records to the gateways in turn, {@code batchSize} draws per request and per topic, with at most
 * {@code concurrency} requests in flight, paced to {@code rate} draws per second. Runs until {@code count} draws,
 * {@code duration} or {@link #stop()}, then waits for every record to be acknowledged, finally failed or in doubt
 * ({@link Delivery} says which is which). The run's threads end with it.
 */
public final class Emulator {

    private final EmulatorOptions options;
    private final SourceReader source;
    private final LongConsumer progress;
    private final EmulatorStats stats;
    private volatile boolean stopped;

    /** @param progress told of every draw (the running total) */
    public Emulator(EmulatorOptions options, SourceReader source, LongConsumer progress) {
        this.options = options;
        this.source = source;
        this.progress = progress;
        this.stats = new EmulatorStats(options.gateways().stream().map(EmulatorOptions::redacted).toList());
    }

    /** Asks a running {@link #run()} to stop drawing; it still waits for what is in flight. */
    public void stop() {
        stopped = true;
    }

    /** The live counters, for a progress display. */
    public EmulatorStats stats() {
        return stats;
    }

    public EmulatorSummary run() throws InterruptedException {
        try (EmulatorThreads threads = new EmulatorThreads(options.concurrency())) {
            Delivery delivery = new Delivery(threads.newClient(), threads, new GatewayRequests(options),
                    new GatewayRotation(options.gateways().size(), System::nanoTime),
                    RetryPolicy.withAttempts(options.maxAttempts()), stats, options.mode());
            return run(delivery);
        }
    }

    private EmulatorSummary run(Delivery delivery) throws InterruptedException {
        CourseDraws draws = new CourseDraws(options.seed(), options.minRow(), options.maxRow());
        Semaphore inFlight = new Semaphore(options.concurrency());
        Map<SourceTable, List<SourceRecord>> pending = new EnumMap<>(SourceTable.class);
        long start = System.nanoTime();
        long deadline = options.duration() == null ? Long.MAX_VALUE : start + options.duration().toNanos();
        double nanosPerDraw = options.rate() > 0 ? 1e9 / options.rate() : 0;
        long drawn = 0;
        int inGroup = 0;
        while (!stopped && (options.count() == 0 || drawn < options.count())) {
            if (nanosPerDraw > 0) {
                waitUntil(start + (long) (drawn * nanosPerDraw), deadline);
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
            SourceReader.DrawnRow row = source.readRow(draws.next());
            drawn++;
            stats.drew();
            for (SourceTable table : SourceTable.values()) {
                row.of(table).ifPresentOrElse(
                        record -> pending.computeIfAbsent(table, key -> new ArrayList<>()).add(record),
                        () -> stats.missingRow(table));
            }
            if (++inGroup == options.batchSize()) {
                flush(pending, delivery, inFlight);
                inGroup = 0;
            }
            progress.accept(drawn);
        }
        flush(pending, delivery, inFlight);
        inFlight.acquire(options.concurrency());
        return stats.summary(Duration.ofNanos(System.nanoTime() - start));
    }

    private void flush(Map<SourceTable, List<SourceRecord>> pending, Delivery delivery, Semaphore inFlight)
            throws InterruptedException {
        for (Map.Entry<SourceTable, List<SourceRecord>> entry : pending.entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            inFlight.acquire();
            delivery.send(entry.getKey(), List.copyOf(entry.getValue()))
                    .whenComplete((done, error) -> inFlight.release());
            entry.getValue().clear();
        }
    }

    private void waitUntil(long target, long deadline) throws InterruptedException {
        long until = Math.min(target, deadline);
        long now;
        while (!stopped && (now = System.nanoTime()) < until) {
            LockSupport.parkNanos(Math.min(until - now, TimeUnit.MILLISECONDS.toNanos(100)));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
