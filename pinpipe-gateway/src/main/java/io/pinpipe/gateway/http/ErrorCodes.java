package io.pinpipe.gateway.http;

/**
 * Every five-digit error code the gateway answers with, in one table: Confluent REST Proxy's where it has one (the
 * HTTP status followed by two digits, from Confluent's {@code Errors} and {@code KafkaExceptionMapper}), the bare
 * HTTP status for generic HTTP failures (as Confluent does), and pinpipe's own where pinpipe is stricter than
 * Confluent (marked "pinpipe"; docs/gateway.md lists them all). {@link Failures} decides which one a failure gets.
 *
 * <p>To add a code: one constant here, in the block of its HTTP status, and one row in docs/gateway.md.
 */
public final class ErrorCodes {

    // 400
    /** 40000: a consumer API request Confluent rejects as bad (a query parameter that is not a number). */
    public static final int BAD_REQUEST = 40000;
    /** 40001: a consumer setting breaks a constraint (Confluent's INVALID_CONSUMER_CONFIG_CONSTRAINT). */
    public static final int INVALID_CONSUMER_CONFIG_CONSTRAINT = 40001;
    /** 40002: Kafka refused the request as invalid: topic name, partitions, replication, policy, version. */
    public static final int KAFKA_BAD_REQUEST = 40002;

    // 401, 403
    /** 40101: the Kafka cluster refused the gateway's credentials (SASL, TLS). */
    public static final int KAFKA_AUTHENTICATION = 40101;
    /** 40301 (pinpipe): the topic is outside the gateway's allow-list ({@code pinpipe.topics.regex}). */
    public static final int TOPIC_NOT_ALLOWED = 40301;
    /** 40302: Kafka's ACLs refuse the gateway this topic or group (Confluent answers 40301, taken above). */
    public static final int KAFKA_AUTHORIZATION = 40302;
    /** 40303 (pinpipe): creating or deleting streams is off on this gateway, or the API key lacks the admin right. */
    public static final int ADMIN_NOT_ALLOWED = 40303;
    /** 40304 (pinpipe): the consumer group is outside {@code pinpipe.consumer.groups.regex} or the API key's groups. */
    public static final int GROUP_NOT_ALLOWED = 40304;

    // 404, 406, 409
    /** 40401: the topic (or stream) does not exist. */
    public static final int TOPIC_NOT_FOUND = 40401;
    /** 40402: the partition does not exist. */
    public static final int PARTITION_NOT_FOUND = 40402;
    /** 40403: the consumer instance does not exist (consumer API). */
    public static final int CONSUMER_INSTANCE_NOT_FOUND = 40403;
    /** 40601: the Accept header's embedded format is not the consumer instance's. */
    public static final int CONSUMER_FORMAT_MISMATCH = 40601;
    /** 40900 (pinpipe): the stream to create exists already (Kinesis' ResourceInUseException). */
    public static final int STREAM_IN_USE = 40900;
    /** 40902: a consumer instance of that name exists already in the group. */
    public static final int CONSUMER_ALREADY_EXISTS = 40902;
    /** 40903: the consumer is in the wrong state for the call (not subscribed, or both subscribed and assigned). */
    public static final int ILLEGAL_STATE = 40903;

    // 408
    /** 40801 (pinpipe): the request body did not arrive within {@code pinpipe.request.read.timeout.ms}. */
    public static final int BODY_TIMEOUT = 40801;

    // 413, 422, 429
    /** 41301 (pinpipe): the request holds more records than one request may ({@code pinpipe.produce.max.records}). */
    public static final int TOO_MANY_RECORDS = 41301;
    /** 41302 (pinpipe): the request would need more memory than the whole in-flight budget. */
    public static final int TOO_LARGE_TO_PROCESS = 41302;
    /** 41303 (pinpipe): a record is larger than Kafka accepts ({@code max.request.size}, {@code message.max.bytes}). */
    public static final int RECORD_TOO_LARGE = 41303;
    /** 42200: a consumer API body or value that does not have the documented shape. */
    public static final int INVALID_REQUEST = 42200;
    /** 42201: keys were sent in a schema format (avro, jsonschema, protobuf) without a key schema. */
    public static final int KEY_SCHEMA_MISSING = 42201;
    /** 42202: values were sent in a schema format without a value schema. */
    public static final int VALUE_SCHEMA_MISSING = 42202;
    /** 42204: a consumer setting Kafka does not accept. */
    public static final int INVALID_CONSUMER_CONFIG = 42204;
    /** 42901: the client sent more requests than its rate limit allows. */
    public static final int RATE_LIMITED = 42901;

    // 500, 503
    /** 500: an unexpected failure of the gateway itself (logged with its stack trace; the client sees no internals). */
    public static final int INTERNAL_ERROR = 500;
    /** 50002: Kafka failed the request and retrying will not help. */
    public static final int KAFKA_ERROR = 50002;
    /** 50003: Kafka failed the request in a way that retrying may fix (503 with Retry-After). */
    public static final int KAFKA_RETRIABLE_ERROR = 50003;
    /** 50300 (pinpipe): no room for another consumer instance, or for another request queued for one. */
    public static final int CONSUMER_UNAVAILABLE = 50300;
    /** 50302: the Kafka cluster cannot be reached; retry after the Retry-After delay. */
    public static final int KAFKA_UNAVAILABLE = 50302;
    /** 50303 (pinpipe): the gateway is at its limit of requests in progress; retry after the Retry-After delay. */
    public static final int OVERLOADED = 50303;
    /** 50304 (pinpipe): the memory budget for requests in flight is spent; retry after the Retry-After delay. */
    public static final int MEMORY_BUDGET_SPENT = 50304;

    // per record, in a v2 produce answer's offsets[]
    /** Confluent's per-record code of a record that failed for good. */
    public static final int RECORD_NOT_RETRIABLE = 1;
    /** Confluent's per-record code of a record that may be written when sent again. */
    public static final int RECORD_RETRIABLE = 2;

    private ErrorCodes() {
    }
}
