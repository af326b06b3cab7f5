package io.pinpipe.gateway.kafka;

import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.RestException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands records to the one Kafka producer and completes when Kafka has acknowledged (or refused) every one of them.
 * {@code Producer.send} can block (metadata, a full buffer), so it runs on a small pool of its own threads, never on
 * an event loop. The number of requests in progress is bounded: beyond it a request is refused at once with 503, so
 * an overload shows as fast errors instead of growing queues.
 */
public final class ProduceService implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final ThreadPoolExecutor senders;
    private final Semaphore inflight;
    private final int maxInflight;

    public ProduceService(Producer<byte[], byte[]> producer, int threads, int maxInflight) {
        this.producer = producer;
        this.maxInflight = maxInflight;
        this.inflight = new Semaphore(maxInflight);
        AtomicInteger counter = new AtomicInteger();
        this.senders = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(maxInflight), runnable -> {
                    Thread thread = new Thread(runnable, "pinpipe-produce-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Sends the records in order; the future completes with one outcome per record, in the same order, once all
     * are settled. Fails at once with a 503 {@link RestException} when too many requests are in progress.
     */
    public CompletableFuture<List<RecordOutcome>> send(List<ProducerRecord<byte[], byte[]>> records) {
        if (!inflight.tryAcquire()) {
            throw overloaded();
        }
        CompletableFuture<List<RecordOutcome>> done = new CompletableFuture<>();
        done.whenComplete((outcomes, error) -> inflight.release());
        try {
            senders.execute(() -> sendAll(records, done));
        } catch (RejectedExecutionException e) {
            inflight.release();
            throw overloaded();
        }
        return done;
    }

    /** Requests in progress now, for metrics. */
    public int inflight() {
        return maxInflight - inflight.availablePermits();
    }

    @Override
    public void close() {
        senders.shutdown();
    }

    private void sendAll(List<ProducerRecord<byte[], byte[]>> records, CompletableFuture<List<RecordOutcome>> done) {
        if (records.isEmpty()) {
            done.complete(List.of());
            return;
        }
        RecordOutcome[] outcomes = new RecordOutcome[records.size()];
        AtomicInteger remaining = new AtomicInteger(records.size());
        Runnable settleOne = () -> {
            if (remaining.decrementAndGet() == 0) {
                done.complete(Collections.unmodifiableList(new ArrayList<>(List.of(outcomes))));
            }
        };
        Exception blocked = null;
        for (int i = 0; i < records.size(); i++) {
            int index = i;
            if (blocked != null) {
                // send() already timed out on this request (no metadata, full buffer): the rest would wait again.
                outcomes[index] = new RecordOutcome(null, blocked);
                settleOne.run();
                continue;
            }
            try {
                producer.send(records.get(index), (metadata, error) -> {
                    outcomes[index] = new RecordOutcome(error == null ? metadata : null, error);
                    settleOne.run();
                });
            } catch (RuntimeException e) {
                blocked = e;
                outcomes[index] = new RecordOutcome(null, e);
                settleOne.run();
            }
        }
    }

    private RestException overloaded() {
        return new RestException(503, ErrorCodes.OVERLOADED, "the gateway is handling " + maxInflight
                + " produce requests already; retry shortly");
    }
}
