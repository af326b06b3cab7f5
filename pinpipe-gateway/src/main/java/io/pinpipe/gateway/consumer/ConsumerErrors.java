package io.pinpipe.gateway.consumer;

import io.pinpipe.gateway.http.RestException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RetriableException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * The consumer API's failures with the Confluent REST Proxy's codes, and the one place that turns an exception from
 * a Kafka consumer into the failure the client sees (by type, never by message text).
 */
final class ConsumerErrors {

    static final int BAD_REQUEST = 40000;
    static final int INVALID_REQUEST = 42200;
    static final int INVALID_CONSUMER_CONFIG_CONSTRAINT = 40001;
    static final int PARTITION_NOT_FOUND = 40402;
    static final int CONSUMER_INSTANCE_NOT_FOUND = 40403;
    static final int CONSUMER_FORMAT_MISMATCH = 40601;
    static final int CONSUMER_ALREADY_EXISTS = 40902;
    static final int ILLEGAL_STATE = 40903;
    static final int INVALID_CONSUMER_CONFIG = 42204;
    static final int KAFKA_ERROR = 50002;
    static final int KAFKA_RETRIABLE_ERROR = 50003;
    static final int UNAVAILABLE = 50300;

    private ConsumerErrors() {
    }

    static RestException instanceNotFound() {
        return new RestException(404, CONSUMER_INSTANCE_NOT_FOUND, "Consumer instance not found.");
    }

    static RestException alreadyExists() {
        return new RestException(409, CONSUMER_ALREADY_EXISTS,
                "Consumer with specified consumer ID already exists in the specified consumer group.");
    }

    static RestException formatMismatch(EmbeddedFormat instanceFormat, String accept) {
        return new RestException(406, CONSUMER_FORMAT_MISMATCH, "The requested embedded data format does not match"
                + " the deserializer for this consumer instance: the instance reads '" + instanceFormat.wireName()
                + "', so send Accept: " + instanceFormat.mediaType() + " (got '" + accept + "')");
    }

    static RestException badRequest(String message) {
        return new RestException(400, BAD_REQUEST, message);
    }

    static RestException invalid(String message) {
        return new RestException(422, INVALID_REQUEST, message);
    }

    static RestException tooManyInstances(int max) {
        return new RestException(503, UNAVAILABLE, "This gateway already holds " + max + " consumer instances"
                + " (consumer.max.instances); delete idle ones or retry later");
    }

    static RestException instanceBusy() {
        return new RestException(503, UNAVAILABLE, "Too many requests are waiting for this consumer instance;"
                + " retry later");
    }

    /** The failure to answer for anything a consumer operation threw. */
    static RestException toRest(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RestException rest) {
            return rest;
        }
        if (cause instanceof RejectedExecutionException) {
            return instanceBusy();
        }
        if (cause instanceof ConfigException) {
            return new RestException(422, INVALID_CONSUMER_CONFIG, "Invalid consumer configuration: "
                    + cause.getMessage(), cause);
        }
        if (cause instanceof IllegalStateException) {
            // KafkaConsumer's way of saying "not subscribed/assigned" or "both subscribed and assigned".
            return new RestException(409, ILLEGAL_STATE, "Illegal state: " + cause.getMessage(), cause);
        }
        if (cause instanceof IllegalArgumentException) {
            return new RestException(422, INVALID_REQUEST, "Invalid request: " + cause.getMessage(), cause);
        }
        if (cause instanceof RetriableException) {
            return new RestException(503, KAFKA_RETRIABLE_ERROR, "Retriable Kafka error: " + cause.getMessage(),
                    cause);
        }
        if (cause instanceof KafkaException) {
            return new RestException(500, KAFKA_ERROR, "Kafka error: " + cause.getMessage(), cause);
        }
        return new RestException(500, 50000, "Internal error: " + cause, cause);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
