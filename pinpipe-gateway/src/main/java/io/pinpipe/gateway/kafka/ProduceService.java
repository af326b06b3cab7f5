package io.pinpipe.gateway.kafka;

import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.RestException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

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
    private final long timeoutMillis;
    private final ScheduledThreadPoolExecutor timeouts;

    public ProduceService(Producer<byte[], byte[]> producer, int threads, int maxInflight, long timeoutMillis) {
        this.producer = producer;
        this.timeoutMillis = timeoutMillis;
        this.timeouts = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "pinpipe-produce-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        // Most requests finish long before their deadline: drop cancelled deadlines at once, not after 12 s.
        this.timeouts.setRemoveOnCancelPolicy(true);
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

    /** As {@link #send(List, long)} for a request received now. */
    public CompletableFuture<List<RecordOutcome>> send(List<ProducerRecord<byte[], byte[]>> records) {
        return send(records, System.nanoTime());
    }

    /**
     * Sends the records in order; the future completes with one outcome per record, in the same order, once all
     * are settled or {@code pinpipe.produce.timeout.ms} after the request was received, whichever comes first. Fails
     * at once with a 503 {@link RestException} when too many requests are in progress.
     *
     * @param receivedNanos {@link System#nanoTime()} when the request had fully arrived
     */
    public CompletableFuture<List<RecordOutcome>> send(List<ProducerRecord<byte[], byte[]>> records,
                                                       long receivedNanos) {
        if (!inflight.tryAcquire()) {
            throw overloaded();
        }
        CompletableFuture<List<RecordOutcome>> done = new CompletableFuture<>();
        done.whenComplete((outcomes, error) -> inflight.release());
        AtomicReferenceArray<RecordOutcome> outcomes = new AtomicReferenceArray<>(records.size());
        // The deadline runs from the request's arrival, not from when a sender thread takes it: under a slow broker
        // the time spent queued behind other requests counts too. Kafka may also hold a record longer than
        // delivery.timeout.ms (in-flight requests to a dying broker); the client still gets an answer in time.
        long remainingNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis) - (System.nanoTime() - receivedNanos);
        ScheduledFuture<?> deadline = timeouts.schedule(() -> done.complete(snapshot(outcomes,
                new TimeoutException("no acknowledgement from Kafka within " + timeoutMillis + " ms of the request;"
                        + " records not sent yet were not written, sent ones may or may not have been"))),
                Math.max(0, remainingNanos), TimeUnit.NANOSECONDS);
        done.whenComplete((ignored, error) -> deadline.cancel(false));
        try {
            senders.execute(() -> sendAll(records, outcomes, done));
        } catch (RejectedExecutionException e) {
            done.cancel(false);
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
        timeouts.shutdown();
    }

    private void sendAll(List<ProducerRecord<byte[], byte[]>> records, AtomicReferenceArray<RecordOutcome> outcomes,
                         CompletableFuture<List<RecordOutcome>> done) {
        if (records.isEmpty()) {
            done.complete(List.of());
            return;
        }
        AtomicInteger remaining = new AtomicInteger(records.size());
        Runnable settleOne = () -> {
            if (remaining.decrementAndGet() == 0) {
                done.complete(snapshot(outcomes, null));
            }
        };
        Exception blocked = null;
        for (int i = 0; i < records.size(); i++) {
            if (done.isDone()) {
                // Answered already (the deadline passed while queued or sending): what is not sent stays unsent.
                return;
            }
            int index = i;
            if (blocked != null) {
                // send() already timed out on this request (no metadata, full buffer): the rest would wait again.
                outcomes.set(index, new RecordOutcome(null, blocked));
                settleOne.run();
                continue;
            }
            try {
                producer.send(records.get(index), (metadata, error) -> {
                    outcomes.set(index, new RecordOutcome(error == null ? metadata : null, error));
                    settleOne.run();
                });
            } catch (RuntimeException e) {
                blocked = e;
                outcomes.set(index, new RecordOutcome(null, e));
                settleOne.run();
            }
        }
    }

    private static List<RecordOutcome> snapshot(AtomicReferenceArray<RecordOutcome> outcomes, Exception unsettled) {
        List<RecordOutcome> list = new ArrayList<>(outcomes.length());
        for (int i = 0; i < outcomes.length(); i++) {
            RecordOutcome outcome = outcomes.get(i);
            list.add(outcome != null ? outcome : new RecordOutcome(null, unsettled));
        }
        return Collections.unmodifiableList(list);
    }

    private RestException overloaded() {
        return new RestException(503, ErrorCodes.OVERLOADED, "the gateway is handling " + maxInflight
                + " produce requests already; retry shortly");
    }
}
