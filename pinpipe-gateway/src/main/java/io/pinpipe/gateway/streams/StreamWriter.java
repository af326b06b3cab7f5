package io.pinpipe.gateway.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pinpipe.gateway.http.Failures;
import io.pinpipe.gateway.kafka.ProduceService;
import io.pinpipe.gateway.kafka.RecordOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;

/**
 * Sends stream records through the gateway's {@link ProduceService}, like v2 and v3 produce: the same bound on
 * requests in flight (503 beyond it), the same deadline counted from the request, and the producer is never called
 * on an event loop. Records of one request are sent in order, so records with one partition key keep theirs.
 */
final class StreamWriter {

    /** What happened to one record: where Kafka stored it, or why it did not. */
    record Outcome(int partition, long offset, Throwable failure) {

        static Outcome of(RecordOutcome outcome) {
            return outcome.ok() ? new Outcome(outcome.metadata().partition(), outcome.metadata().offset(), null)
                    : new Outcome(-1, -1, Failures.unwrap(outcome.error()));
        }

        boolean succeeded() {
            return failure == null;
        }
    }

    private final Vertx vertx;
    private final ProduceService produce;
    private final Counter stored;
    private final Counter failed;

    StreamWriter(Vertx vertx, ProduceService produce, MeterRegistry metrics) {
        this.vertx = vertx;
        this.produce = produce;
        this.stored = Counter.builder("pinpipe.gateway.streams.records").tag("outcome", "stored")
                .description("Stream records Kafka acknowledged").register(metrics);
        this.failed = Counter.builder("pinpipe.gateway.streams.records").tag("outcome", "failed")
                .description("Stream records Kafka refused or never acknowledged").register(metrics);
    }

    /**
     * @param receivedNanos when the request had fully arrived: the produce deadline runs from then
     * @return the outcomes in the order of {@code records}; never fails as a whole once sending started
     * @throws io.pinpipe.gateway.http.RestException 503 when the gateway has too many requests in flight
     */
    Future<List<Outcome>> put(String topic, List<StreamRecord> records, long receivedNanos) {
        List<ProducerRecord<byte[], byte[]>> toSend = records.stream()
                .map(record -> new ProducerRecord<>(topic, record.key(), record.value())).toList();
        return Future.fromCompletionStage(produce.send(toSend, receivedNanos), vertx.getOrCreateContext())
                .map(outcomes -> outcomes.stream().map(Outcome::of).toList())
                .onSuccess(outcomes -> outcomes.forEach(outcome ->
                        (outcome.succeeded() ? stored : failed).increment()));
    }
}
