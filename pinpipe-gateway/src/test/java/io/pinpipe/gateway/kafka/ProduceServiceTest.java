package io.pinpipe.gateway.kafka;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProduceServiceTest {

    private static final long TIMEOUT_MS = 300;

    /** A producer whose first send blocks (as send does while it waits for metadata) until released. */
    private static final class StallingProducer extends MockProducer<byte[], byte[]> {
        final CountDownLatch release = new CountDownLatch(1);
        private boolean stalled;

        StallingProducer() {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record,
                                                        org.apache.kafka.clients.producer.Callback callback) {
            if (!stalled) {
                stalled = true;
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.send(record, callback);
        }
    }

    @Test
    void timeSpentQueuedBehindOtherRequestsCountsTowardsTheTimeout() throws Exception {
        StallingProducer producer = new StallingProducer();
        try (ProduceService service = new ProduceService(producer, 1, 16, TIMEOUT_MS)) {
            CompletableFuture<List<RecordOutcome>> first = service.send(List.of(record("first")));
            CompletableFuture<List<RecordOutcome>> queued = service.send(List.of(record("queued")));

            // The only sender thread is stuck in the first request: the queued one must still get its answer from
            // its own deadline, long before the first is released.
            List<RecordOutcome> outcomes = queued.get(20, TimeUnit.SECONDS);
            assertThat(producer.release.getCount()).as("answered while the sender was still stuck").isEqualTo(1);
            assertThat(outcomes).singleElement().satisfies(outcome -> assertThat(outcome.ok()).isFalse());

            producer.release.countDown();
            first.get(20, TimeUnit.SECONDS);
            // One sender thread, first in first out: once a later request is done, the queued one was handled.
            assertThat(service.send(List.of(record("later"))).get(20, TimeUnit.SECONDS)).allMatch(RecordOutcome::ok);
            assertThat(producer.history()).extracting(sent -> new String(sent.value()))
                    .as("a request answered as not written is never sent afterwards").doesNotContain("queued");
        }
    }

    @Test
    void aRequestReceivedLongerAgoThanTheTimeoutIsAnsweredAtOnceAndNeverSent() throws Exception {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        try (ProduceService service = new ProduceService(producer, 1, 16, TIMEOUT_MS)) {
            long receivedLongAgo = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(2 * TIMEOUT_MS);
            List<RecordOutcome> outcomes = service.send(List.of(record("stale")), receivedLongAgo)
                    .get(20, TimeUnit.SECONDS);
            assertThat(outcomes).singleElement().satisfies(outcome -> assertThat(outcome.ok()).isFalse());
            assertThat(service.send(List.of(record("fresh"))).get(20, TimeUnit.SECONDS)).allMatch(RecordOutcome::ok);
            assertThat(producer.history()).extracting(sent -> new String(sent.value())).containsExactly("fresh");
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String value) {
        return new ProducerRecord<>("t", value.getBytes());
    }
}
