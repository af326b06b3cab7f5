package io.pinpipe.gateway.streams;

import io.pinpipe.gateway.http.RestException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The streams API's failures. They use the gateway's one error envelope {@code {"error_code","message"}}, like every
 * other route; the message starts with the name Kinesis gives the error ({@code ResourceNotFoundException: ...}),
 * and the status is the HTTP one that fits (404 for a missing stream, where Kinesis says 400).
 */
final class StreamErrors {

    static final int STREAM_NOT_FOUND = 40401;
    static final int INVALID_ARGUMENT = 40000;
    static final int STREAM_IN_USE = 40900;
    static final int KAFKA_ERROR = 50002;
    static final int KAFKA_RETRIABLE_ERROR = 50003;

    /** The per-record {@code ErrorCode} of a record Kafka may accept when sent again. */
    static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";
    /** The per-record {@code ErrorCode} of a record Kafka refused for good. */
    static final String INTERNAL_FAILURE = "InternalFailure";

    private StreamErrors() {
    }

    static RestException notFound(String stream) {
        return new RestException(404, STREAM_NOT_FOUND, "ResourceNotFoundException: Stream " + stream
                + " not found");
    }

    static RestException invalid(String message) {
        return new RestException(400, INVALID_ARGUMENT, "ValidationException: " + message);
    }

    static RestException inUse(String stream) {
        return new RestException(409, STREAM_IN_USE, "ResourceInUseException: Stream " + stream
                + " already exists");
    }

    static RestException limitExceeded(String message) {
        return new RestException(400, INVALID_ARGUMENT, "LimitExceededException: " + message);
    }

    /** True when sending the record again may succeed. */
    static boolean isRetriable(Throwable failure) {
        return unwrap(failure) instanceof RetriableException;
    }

    /** The envelope for a failed admin call or send on {@code stream}, by exception type. */
    static RestException toRest(Throwable failure, String stream) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RestException rest) {
            return rest;
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return notFound(stream);
        }
        if (cause instanceof TopicExistsException) {
            return inUse(stream);
        }
        if (cause instanceof InvalidTopicException || cause instanceof InvalidPartitionsException
                || cause instanceof InvalidReplicationFactorException || cause instanceof PolicyViolationException
                || cause instanceof InvalidConfigurationException) {
            return invalid(cause.getMessage());
        }
        if (cause instanceof RetriableException) {
            return new RestException(503, KAFKA_RETRIABLE_ERROR, SERVICE_UNAVAILABLE + ": " + cause.getMessage(),
                    cause);
        }
        if (cause instanceof KafkaException) {
            return new RestException(500, KAFKA_ERROR, INTERNAL_FAILURE + ": " + cause.getMessage(), cause);
        }
        return new RestException(500, 50000, INTERNAL_FAILURE + ": " + cause, cause);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
