package io.pinpipe.emulator.post;

import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;
import io.pinpipe.emulator.source.SourceReader;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The posting emulator: draws row numbers as the course's script does, reads that row of each table, and posts the
 * records to the gateway, {@code batchSize} draws per request and per topic, with at most {@code concurrency}
 * requests in flight, paced to {@code rate} draws per second. Runs until {@code count} draws, {@code duration} or
 * {@link #stop()}, then waits for every record to be acknowledged or finally failed.
 */
public final class Emulator {

    private final EmulatorOptions options;
    private final SourceReader source;
    private final HttpClient client;
    private final LongConsumer progress;
    private final EmulatorStats stats = new EmulatorStats();
    private volatile boolean stopped;

    /**
     * @param client   the HTTP client; the caller owns it
     * @param progress told of every draw (the running total)
     */
    public Emulator(EmulatorOptions options, SourceReader source, HttpClient client, LongConsumer progress) {
        this.options = options;
        this.source = source;
        this.client = client;
        this.progress = progress;
    }

    /**
     * An HTTP/1.1 client fit for the emulator: keep-alive connections, a connect timeout, and a small fixed pool of
     * daemon threads. The pool matters: on a 2-core machine the JDK's default async executor falls back to a new
     * thread per completion, which costs more than the request.
     */
    public static HttpClient newHttpClient() {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                task -> {
                    Thread thread = new Thread(task, "emulate-http-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                .connectTimeout(Duration.ofSeconds(10)).build();
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
        CourseDraws draws = new CourseDraws(options.seed(), options.minRow(), options.maxRow());
        Delivery delivery = new Delivery(client, new GatewayRequests(options),
                RetryPolicy.withAttempts(options.maxAttempts()), stats, options.mode());
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
