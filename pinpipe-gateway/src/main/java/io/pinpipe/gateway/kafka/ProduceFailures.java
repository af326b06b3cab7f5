package io.pinpipe.gateway.kafka;

import io.pinpipe.gateway.http.ErrorCodes;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The one place that classifies a producer failure by its exception type: the HTTP status and Confluent error code
 * of the request, and the per-record code of the v2 {@code offsets[]} entry (Confluent's 1 = not retriable,
 * 2 = retriable).
 */
public final class ProduceFailures {

    /** How one failure is reported. */
    public record Classified(int status, int errorCode, int recordCode, String message) {

        public boolean retriable() {
            return recordCode == RETRIABLE;
        }
    }

    /** Confluent's per-record code for a failure that will not go away by retrying. */
    public static final int NOT_RETRIABLE = 1;
    /** Confluent's per-record code for a failure that may go away by retrying. */
    public static final int RETRIABLE = 2;

    private ProduceFailures() {
    }

    public static Classified classify(Throwable error) {
        String message = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        if (error instanceof UnknownTopicOrPartitionException) {
            return new Classified(404, ErrorCodes.TOPIC_NOT_FOUND, NOT_RETRIABLE, message);
        }
        if (error instanceof AuthorizationException || error instanceof AuthenticationException) {
            return new Classified(403, ErrorCodes.KAFKA_AUTHORIZATION, NOT_RETRIABLE, message);
        }
        if (error instanceof RecordTooLargeException) {
            return new Classified(422, ErrorCodes.RECORD_TOO_LARGE, NOT_RETRIABLE, message);
        }
        if (error instanceof RetriableException || error instanceof BrokerUnavailableException) {
            return new Classified(503, ErrorCodes.KAFKA_UNAVAILABLE, RETRIABLE, message);
        }
        if (error instanceof org.apache.kafka.common.KafkaException) {
            return new Classified(500, ErrorCodes.KAFKA_ERROR, NOT_RETRIABLE, message);
        }
        return new Classified(500, ErrorCodes.UNEXPECTED_PRODUCER_ERROR, NOT_RETRIABLE, message);
    }
}
