package io.pinpipe.emulator.post;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends {@link GatewayCall}s without blocking, over Vert.x's HTTP/1.1 client (the one the gateway is built on): one
 * event loop thread does all the I/O and runs the answers' callbacks, over keep-alive connections pooled per
 * gateway. It replaced the JDK's HTTP client, which on a 2-core machine handed each answer to a new thread
 * (BENCHMARKS.md, "Emulator") and held the emulator to a twentieth of what the same server takes from wrk.
 */
public final class GatewayTransport implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final Duration requestTimeout;

    private GatewayTransport(Vertx vertx, HttpClientAgent client, Duration requestTimeout) {
        this.vertx = vertx;
        this.client = client;
        this.requestTimeout = requestTimeout;
    }

    /**
     * @param connectionsPerGateway the calls in flight at most: the run's concurrency
     * @param requestTimeout        how long a call may go without an answer before it counts as unanswered
     */
    public static GatewayTransport open(int connectionsPerGateway, Duration requestTimeout) {
        // One event loop: the draws take the other core, and a single loop needs no hand-offs between threads.
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                        .setTcpNoDelay(true).setConnectTimeout((int) CONNECT_TIMEOUT.toMillis()),
                // Twice the concurrency: a call's answer frees its permit a moment before Vert.x returns its
                // connection to the pool, and a call that then queued for a connection could, in Vert.x 5.0.7, lose
                // a race between the grant and the queue's timeout and never complete (seen under heavy load).
                new PoolOptions().setHttp1MaxSize(2 * connectionsPerGateway));
        return new GatewayTransport(vertx, client, requestTimeout);
    }

    /**
     * Sends {@code call} to the gateway at {@code base} (its URL without a trailing slash). Completes on the event
     * loop with the answer, or exceptionally when none came (connection refused or lost, timeout).
     */
    CompletableFuture<GatewayAnswer> send(String base, GatewayCall call) {
        // setTimeout bounds both the wait for a pooled connection and the silence of the answer: an idle timeout
        // alone leaves a call waiting forever for a connection from the pool.
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.valueOf(call.method()))
                .setAbsoluteURI(base + call.path()).setTimeout(requestTimeout.toMillis());
        call.headers().forEach(request::putHeader);
        return client.request(request)
                .compose(sending -> sending.send(Buffer.buffer(call.body())))
                .compose(response -> response.body().map(body -> new GatewayAnswer(response.statusCode(),
                        body.getBytes(), Optional.ofNullable(response.getHeader("Retry-After")))))
                .toCompletionStage().toCompletableFuture()
                // The last word on time: a call never outlives twice its timeout, so a run always ends.
                .orTimeout(2 * requestTimeout.toMillis() + CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the event loop after {@code delay}: how retries wait without a thread of their own. */
    void schedule(Duration delay, Runnable task) {
        vertx.setTimer(Math.max(1, delay.toMillis()), timer -> task.run());
    }

    @Override
    public void close() {
        try {
            client.close().compose(closed -> vertx.close()).toCompletionStage().toCompletableFuture()
                    .get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Closing only frees threads and sockets; every call has settled by now, so nothing is lost.
        }
    }
}
