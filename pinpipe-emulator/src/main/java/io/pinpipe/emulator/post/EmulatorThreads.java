package io.pinpipe.emulator.post;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one run, started with it and stopped at its end: a sender thread per request in flight, which makes
 * the blocking HTTP call; the HTTP client's own small pool; and a timer that wakes retries after their back-off.
 * <p>
 * Why blocking calls: the JDK client's {@code sendAsync} hands every answer to {@code CompletableFuture}'s default
 * async pool, and on a machine with two cores that pool is a new thread per task (JFR: 25,891 thread starts for
 * 25,876 requests). {@link HttpClient#send} runs the exchange on the calling thread until it waits for the socket,
 * and the client's pool only reads the answer; no thread is ever started per request.
 */
final class EmulatorThreads implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ThreadPoolExecutor senders;
    private final ExecutorService http;
    private final ScheduledExecutorService timer;

    /** @param concurrency requests in flight at most: each holds one sender thread while its call lasts */
    EmulatorThreads(int concurrency) {
        // Never more tasks than threads (the emulator's semaphore bounds the calls), so the queue stays empty.
        senders = new ThreadPoolExecutor(concurrency, concurrency, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemons("emulate-send-"));
        senders.allowCoreThreadTimeOut(true);
        http = Executors.newFixedThreadPool(2, daemons("emulate-http-"));
        timer = Executors.newSingleThreadScheduledExecutor(daemons("emulate-retry-"));
    }

    /** Where calls run. */
    ExecutorService senders() {
        return senders;
    }

    /** Where retries wait out their back-off before going back to {@link #senders()}. */
    ScheduledExecutorService timer() {
        return timer;
    }

    /** An HTTP/1.1 client with keep-alive connections and a connect timeout, reading answers on this run's pool. */
    HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(http)
                .connectTimeout(CONNECT_TIMEOUT).build();
    }

    @Override
    public void close() {
        senders.shutdownNow();
        timer.shutdownNow();
        http.shutdownNow();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
