package io.pinpipe.gateway.consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One consumer instance and the one thread its {@link ConsumerSession} lives on. A Kafka consumer is blocking and
 * single-threaded, so every operation is queued to that thread, in arrival order, and answered through a future;
 * an event-loop thread never touches the consumer. At most {@value #MAX_QUEUED} operations may wait; more are
 * refused (the route answers 503).
 */
final class ConsumerInstance {

    static final int MAX_QUEUED = 32;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerInstance.class);

    private final ConsumerInstanceId id;
    private final ConsumerInstanceConfig config;
    private final LongSupplier clockMs;
    private final InstanceThread thread;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastUsedMs;
    private ConsumerSession session;

    private ConsumerInstance(ConsumerInstanceId id, ConsumerInstanceConfig config, LongSupplier clockMs) {
        this.id = id;
        this.config = config;
        this.clockMs = clockMs;
        this.lastUsedMs = clockMs.getAsLong();
        this.thread = new InstanceThread(id);
    }

    /**
     * Starts the instance's thread and builds the session on it.
     *
     * @return completes with the instance once its consumer exists, or fails with what the constructor threw
     */
    static CompletableFuture<ConsumerInstance> open(ConsumerInstanceId id, ConsumerInstanceConfig config,
                                                    Supplier<ConsumerSession> sessions, LongSupplier clockMs) {
        ConsumerInstance instance = new ConsumerInstance(id, config, clockMs);
        CompletableFuture<ConsumerInstance> opened = new CompletableFuture<>();
        instance.thread.execute(() -> {
            try {
                instance.session = sessions.get();
                opened.complete(instance);
            } catch (RuntimeException e) {
                instance.thread.shutdown();
                opened.completeExceptionally(e);
            }
        });
        return opened;
    }

    ConsumerInstanceId id() {
        return id;
    }

    ConsumerInstanceConfig config() {
        return config;
    }

    /**
     * Runs {@code work} on the instance's thread after everything queued before it.
     *
     * @return fails with {@link java.util.concurrent.RejectedExecutionException} when too much is queued or the
     *         instance is closed, else with whatever {@code work} threw
     */
    <T> CompletableFuture<T> submit(Function<ConsumerSession, T> work) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(ConsumerErrors.instanceNotFound());
        }
        touch();
        inFlight.incrementAndGet();
        try {
            return CompletableFuture.supplyAsync(() -> work.apply(session), thread)
                    .whenComplete((result, failure) -> {
                        touch();
                        inFlight.decrementAndGet();
                    });
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            return CompletableFuture.failedFuture(e);
        }
    }

    /** True when no operation is running or queued and the last one ended at least {@code timeoutMs} ago. */
    boolean idleFor(long timeoutMs, long nowMs) {
        return inFlight.get() == 0 && nowMs - lastUsedMs >= timeoutMs;
    }

    /**
     * Lets what is queued finish, then closes the consumer (leaving its group) and stops the thread. Safe to call
     * more than once; later operations fail as "not found".
     */
    CompletableFuture<Void> close() {
        if (closed.compareAndSet(false, true)) {
            thread.shutdown();
        }
        return thread.terminatedFuture;
    }

    private void touch() {
        lastUsedMs = clockMs.getAsLong();
    }

    /** The instance's one thread; once shut down and drained it closes the session, so no call can overlap. */
    private final class InstanceThread extends ThreadPoolExecutor {

        private final CompletableFuture<Void> terminatedFuture = new CompletableFuture<>();

        InstanceThread(ConsumerInstanceId id) {
            super(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_QUEUED), runnable -> {
                Thread worker = new Thread(runnable, "pinpipe-consumer-" + id);
                worker.setDaemon(true);
                return worker;
            });
        }

        @Override
        protected void terminated() {
            try {
                if (session != null) {
                    session.close(CLOSE_TIMEOUT);
                }
            } catch (RuntimeException e) {
                LOG.warn("Closing consumer instance {} failed: {}", id, e.toString());
            } finally {
                terminatedFuture.complete(null);
            }
        }
    }
}
