package io.pinpipe.gateway.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pinpipe.gateway.http.Failures;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends stream records with the gateway's producer and reports each one's outcome once Kafka answered for it. The
 * sends themselves run on a Vert.x worker thread, because {@link Producer#send} may block (waiting for metadata
 * or for buffer space); records of one request are sent in order, so records with one partition key keep theirs.
 */
final class StreamWriter {

    /** What happened to one record: where Kafka stored it, or why it did not. */
    record Outcome(int partition, long offset, Throwable failure) {

        static Outcome stored(RecordMetadata metadata) {
            return new Outcome(metadata.partition(), metadata.offset(), null);
        }

        static Outcome failed(Throwable failure) {
            return new Outcome(-1, -1, Failures.unwrap(failure));
        }

        boolean succeeded() {
            return failure == null;
        }
    }

    private final Vertx vertx;
    private final Producer<byte[], byte[]> producer;
    private final Counter stored;
    private final Counter failed;

    StreamWriter(Vertx vertx, Producer<byte[], byte[]> producer, MeterRegistry metrics) {
        this.vertx = vertx;
        this.producer = producer;
        this.stored = Counter.builder("pinpipe.gateway.streams.records").tag("outcome", "stored")
                .description("Stream records Kafka acknowledged").register(metrics);
        this.failed = Counter.builder("pinpipe.gateway.streams.records").tag("outcome", "failed")
                .description("Stream records Kafka refused or never acknowledged").register(metrics);
    }

    /** @return the outcomes in the order of {@code records}; never fails as a whole */
    Future<List<Outcome>> put(String topic, List<StreamRecord> records) {
        Context caller = vertx.getOrCreateContext();
        return vertx.executeBlocking(() -> send(topic, records), false)
                .compose(sent -> Future.fromCompletionStage(CompletableFuture.allOf(sent.toArray(
                        CompletableFuture[]::new)).handle((done, ignored) -> sent.stream().map(
                        CompletableFuture::join).toList()), caller))
                .onSuccess(outcomes -> outcomes.forEach(outcome ->
                        (outcome.succeeded() ? stored : failed).increment()));
    }

    private List<CompletableFuture<Outcome>> send(String topic, List<StreamRecord> records) {
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(records.size());
        for (StreamRecord record : records) {
            CompletableFuture<Outcome> outcome = new CompletableFuture<>();
            try {
                producer.send(new ProducerRecord<>(topic, record.key(), record.value()), (metadata, failure) ->
                        outcome.complete(failure == null ? Outcome.stored(metadata) : Outcome.failed(failure)));
            } catch (RuntimeException e) {
                outcome.complete(Outcome.failed(e));
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }
}
