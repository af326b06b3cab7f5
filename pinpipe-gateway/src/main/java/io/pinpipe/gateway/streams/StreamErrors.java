package io.pinpipe.gateway.streams;

import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.Failures;
import io.pinpipe.gateway.http.RestException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The streams API's failures. They use the gateway's one error envelope {@code {"error_code","message"}} and its one
 * classifier ({@link Failures}), like every other route; the message starts with the name Kinesis gives the error
 * ({@code ResourceNotFoundException: ...}), and the status is the HTTP one that fits (404 for a missing stream, where
 * Kinesis says 400).
 */
final class StreamErrors {

    /** The per-record {@code ErrorCode} of a record Kafka may accept when sent again. */
    static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";
    /** The per-record {@code ErrorCode} of a record Kafka refused for good. */
    static final String INTERNAL_FAILURE = "InternalFailure";

    private StreamErrors() {
    }

    static RestException notFound(String stream) {
        return new RestException(404, ErrorCodes.TOPIC_NOT_FOUND, "ResourceNotFoundException: Stream " + stream
                + " not found");
    }

    static RestException invalid(String message) {
        return new RestException(400, ErrorCodes.BAD_REQUEST, "ValidationException: " + message);
    }

    static RestException inUse(String stream) {
        return new RestException(409, ErrorCodes.STREAM_IN_USE, "ResourceInUseException: Stream " + stream
                + " already exists");
    }

    static RestException limitExceeded(String message) {
        return new RestException(400, ErrorCodes.BAD_REQUEST, "LimitExceededException: " + message);
    }

    /** True when sending the record again may succeed. */
    static boolean isRetriable(Throwable failure) {
        return Failures.retriable(Failures.classify(failure));
    }

    /** The envelope for a failed admin call or send on {@code stream}: the gateway's answer, in Kinesis' words. */
    static RestException toRest(Throwable failure, String stream) {
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof RestException rest) {
            return rest;
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return notFound(stream);
        }
        if (cause instanceof TopicExistsException) {
            return inUse(stream);
        }
        RestException answer = Failures.classify(cause);
        return new RestException(answer.status(), answer.errorCode(), kinesisName(answer) + ": "
                + answer.getMessage(), cause);
    }

    private static String kinesisName(RestException answer) {
        return switch (answer.status()) {
            case 400, 413 -> "ValidationException";
            case 401, 403 -> "AccessDeniedException";
            case 404 -> "ResourceNotFoundException";
            case 503 -> SERVICE_UNAVAILABLE;
            default -> INTERNAL_FAILURE;
        };
    }
}
