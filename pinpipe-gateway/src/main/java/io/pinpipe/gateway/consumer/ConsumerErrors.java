package io.pinpipe.gateway.consumer;

import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.Failures;
import io.pinpipe.gateway.http.RestException;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.config.ConfigException;

import java.util.concurrent.RejectedExecutionException;

/**
 * The consumer API's own failures, with the Confluent REST Proxy's codes from {@link ErrorCodes}. What an exception
 * of a Kafka consumer means is decided by the gateway's one classifier, {@link Failures}; only the failures that
 * mean something particular for a consumer instance are told apart here first (by type, never by message text).
 */
final class ConsumerErrors {

    private ConsumerErrors() {
    }

    static RestException instanceNotFound() {
        return new RestException(404, ErrorCodes.CONSUMER_INSTANCE_NOT_FOUND, "Consumer instance not found.");
    }

    static RestException alreadyExists() {
        return new RestException(409, ErrorCodes.CONSUMER_ALREADY_EXISTS,
                "Consumer with specified consumer ID already exists in the specified consumer group.");
    }

    static RestException formatMismatch(EmbeddedFormat instanceFormat, String accept) {
        return new RestException(406, ErrorCodes.CONSUMER_FORMAT_MISMATCH, "The requested embedded data format does"
                + " not match the deserializer for this consumer instance: the instance reads '"
                + instanceFormat.wireName() + "', so send Accept: " + instanceFormat.mediaType() + " (got '" + accept
                + "')");
    }

    static RestException badRequest(String message) {
        return new RestException(400, ErrorCodes.BAD_REQUEST, message);
    }

    static RestException invalid(String message) {
        return new RestException(422, ErrorCodes.INVALID_REQUEST, message);
    }

    static RestException tooManyInstances(int max) {
        return new RestException(503, ErrorCodes.CONSUMER_UNAVAILABLE, "This gateway already holds " + max
                + " consumer instances (consumer.max.instances); delete idle ones or retry later");
    }

    static RestException instanceBusy() {
        return new RestException(503, ErrorCodes.CONSUMER_UNAVAILABLE, "Too many requests are waiting for this"
                + " consumer instance; retry later");
    }

    /** The failure to answer for anything a consumer operation threw. */
    static RestException toRest(Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof RejectedExecutionException) {
            return instanceBusy();
        }
        if (cause instanceof ConfigException) {
            return new RestException(422, ErrorCodes.INVALID_CONSUMER_CONFIG, "Invalid consumer configuration: "
                    + cause.getMessage(), cause);
        }
        if (cause instanceof IllegalStateException) {
            // KafkaConsumer's way of saying "not subscribed/assigned" or "both subscribed and assigned".
            return new RestException(409, ErrorCodes.ILLEGAL_STATE, "Illegal state: " + cause.getMessage(), cause);
        }
        if (cause instanceof CommitFailedException) {
            // A subscribed instance joins its group on its first read; until then (or after being rebalanced out)
            // Kafka has no generation to commit under. The client can fix this by reading first: not a server error.
            return new RestException(409, ErrorCodes.ILLEGAL_STATE, "Illegal state: the consumer is not part of an"
                    + " active group yet; read records (GET .../records) after subscribing, then commit", cause);
        }
        if (cause instanceof IllegalArgumentException) {
            // KafkaConsumer's way of refusing an argument (a negative offset, an empty topic name).
            return new RestException(422, ErrorCodes.INVALID_REQUEST, "Invalid request: " + cause.getMessage(),
                    cause);
        }
        return Failures.classify(cause);
    }
}
