package io.pinpipe.gateway.http;

import io.pinpipe.gateway.kafka.BrokerUnavailableException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place that decides what a failure means to the client, by exception type (never by message text). Every
 * route module, the consumer API and the streams API answer from it:
 * <ul>
 *     <li>a {@link RestException} is already an answer;</li>
 *     <li>the cluster cannot be reached: 503 / 50302;</li>
 *     <li>Kafka refused the gateway's credentials: 401 / 40101; its ACLs: 403 / 40302;</li>
 *     <li>unknown topic or partition: 404 / 40401; a record larger than Kafka accepts: 413 / 41303;</li>
 *     <li>Kafka refused the request as invalid (topic name, partitions, policy, version): 400 / 40002;</li>
 *     <li>any other retriable Kafka failure: 503 / 50003; any other Kafka failure: 500 / 50002;</li>
 *     <li>anything else is the gateway's own bug: 500 / 500, logged here with its stack trace.</li>
 * </ul>
 * Every 503 is retriable and answered with {@code Retry-After}; nothing else is retriable.
 */
public final class Failures {

    /** Kafka's ways of saying "this request is invalid", Confluent's 40002. */
    private static final List<Class<? extends KafkaException>> KAFKA_BAD_REQUESTS = List.of(
            InvalidTopicException.class, InvalidPartitionsException.class, InvalidReplicationFactorException.class,
            PolicyViolationException.class, InvalidConfigurationException.class, InvalidRequestException.class,
            UnsupportedVersionException.class, SecurityDisabledException.class, TopicExistsException.class);

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    /** The failure inside the wrappers futures add ({@link CompletionException}, {@link ExecutionException}). */
    public static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** The answer for {@code failure}, wrapped or not. */
    public static RestException classify(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RestException rest) {
            return rest;
        }
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        if (cause instanceof BrokerUnavailableException) {
            return new RestException(503, ErrorCodes.KAFKA_UNAVAILABLE, message, cause);
        }
        if (!(cause instanceof KafkaException)) {
            // Logged here, where every route's failures pass, so a bug in a per-record result is not lost either.
            LOG.error("unexpected failure while answering a request", cause);
            return new RestException(500, ErrorCodes.INTERNAL_ERROR, "internal server error", cause);
        }
        if (cause instanceof AuthenticationException) {
            return new RestException(401, ErrorCodes.KAFKA_AUTHENTICATION, message, cause);
        }
        if (cause instanceof AuthorizationException) {
            return new RestException(403, ErrorCodes.KAFKA_AUTHORIZATION, message, cause);
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return new RestException(404, ErrorCodes.TOPIC_NOT_FOUND, message, cause);
        }
        if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException) {
            return new RestException(413, ErrorCodes.RECORD_TOO_LARGE, message, cause);
        }
        if (KAFKA_BAD_REQUESTS.stream().anyMatch(type -> type.isInstance(cause))) {
            return new RestException(400, ErrorCodes.KAFKA_BAD_REQUEST, message, cause);
        }
        if (cause instanceof RetriableException) {
            return new RestException(503, ErrorCodes.KAFKA_RETRIABLE_ERROR, message, cause);
        }
        return new RestException(500, ErrorCodes.KAFKA_ERROR, message, cause);
    }

    /** True when sending the same request again may succeed: every 503, nothing else. */
    public static boolean retriable(RestException answer) {
        return answer.status() == 503;
    }
}
