package io.pinpipe.gateway.http;

/**
 * The five-digit error codes the gateway answers with: Confluent REST Proxy's where it has one (the HTTP status
 * followed by two digits), the bare HTTP status for generic HTTP failures (as Confluent does), and pinpipe's own
 * where pinpipe is stricter than Confluent (documented in docs/gateway.md).
 */
public final class ErrorCodes {

    /** 40401: the topic does not exist. */
    public static final int TOPIC_NOT_FOUND = 40401;
    /** 40402: the partition does not exist. */
    public static final int PARTITION_NOT_FOUND = 40402;
    /** 40403: the consumer instance does not exist (consumer API). */
    public static final int CONSUMER_INSTANCE_NOT_FOUND = 40403;
    /** 40301: the topic is outside the gateway's allow-list ({@code pinpipe.topics.regex}). */
    public static final int TOPIC_NOT_ALLOWED = 40301;
    /** 40302: Kafka refused the gateway's credentials or ACLs for this topic. */
    public static final int KAFKA_AUTHORIZATION = 40302;
    /** 40303: creating or deleting streams is off on this gateway, or the API key lacks the admin right. */
    public static final int ADMIN_NOT_ALLOWED = 40303;
    /** 40304: the consumer group is outside {@code pinpipe.consumer.groups.regex} or the API key's groups. */
    public static final int GROUP_NOT_ALLOWED = 40304;
    /** 40801: the request body did not arrive within {@code pinpipe.request.read.timeout.ms}. */
    public static final int BODY_TIMEOUT = 40801;
    /** 41301: the request holds more records than one request may ({@code pinpipe.produce.max.records}). */
    public static final int TOO_MANY_RECORDS = 41301;
    /** 41302: the request would need more memory than the whole in-flight budget. */
    public static final int TOO_LARGE_TO_PROCESS = 41302;
    /** 42201: keys were sent in a schema format (avro, jsonschema, protobuf) without a key schema. */
    public static final int KEY_SCHEMA_MISSING = 42201;
    /** 42202: values were sent in a schema format without a value schema. */
    public static final int VALUE_SCHEMA_MISSING = 42202;
    /** 42206: a record is larger than Kafka accepts ({@code max.request.size} / {@code message.max.bytes}). */
    public static final int RECORD_TOO_LARGE = 42206;
    /** 42901: the client sent more requests than its rate limit allows. */
    public static final int RATE_LIMITED = 42901;
    /** 50001: Kafka failed the request and retrying will not help. */
    public static final int KAFKA_ERROR = 50001;
    /** 50002: Kafka failed the request in a way that retrying may fix. */
    public static final int KAFKA_RETRIABLE_ERROR = 50002;
    /** 50003: the producer failed in an unexpected way. */
    public static final int UNEXPECTED_PRODUCER_ERROR = 50003;
    /** 50302: the Kafka cluster cannot be reached; retry after the Retry-After delay. */
    public static final int KAFKA_UNAVAILABLE = 50302;
    /** 50303: the gateway is at its limit of requests in progress; retry after the Retry-After delay. */
    public static final int OVERLOADED = 50303;
    /** 50304: the memory budget for requests in flight is spent; retry after the Retry-After delay. */
    public static final int MEMORY_BUDGET_SPENT = 50304;

    private ErrorCodes() {
    }
}
