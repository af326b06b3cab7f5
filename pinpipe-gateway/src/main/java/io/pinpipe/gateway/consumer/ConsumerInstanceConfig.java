package io.pinpipe.gateway.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.RestException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * What a {@code POST /consumers/{group}} body asks for, checked.
 *
 * @param name             the instance name, or null to have one generated
 * @param autoOffsetReset  Kafka's {@code auto.offset.reset}, or null for the gateway's default
 * @param autoCommitEnable Kafka's {@code enable.auto.commit} as given, or null for the gateway's default
 * @param responseMinBytes the proxy's {@code fetch.min.bytes}: a read answers as soon as it holds more than this
 *                         many bytes; -1 means it waits for the whole request timeout
 * @param requestWaitMs    this instance's {@code consumer.request.timeout.ms}, or null for the gateway's
 */
record ConsumerInstanceConfig(String name, EmbeddedFormat format, String autoOffsetReset, String autoCommitEnable,
                              int responseMinBytes, Integer requestWaitMs) {

    static final int MAX_RESPONSE_MIN_BYTES = 10_000_000;
    static final int MAX_REQUEST_WAIT_MS = 300_000;
    /** Kafka fetch bytes per partition for an instance, unless {@code consumer.*} settings say otherwise. */
    static final int PARTITION_FETCH_BYTES = 8 * 1_048_576;
    /** Records one poll of an instance's consumer may return, unless {@code consumer.*} settings say otherwise. */
    static final int MAX_POLL_RECORDS = 10_000;

    private static final Set<String> FIELDS = Set.of("name", "id", "format", "auto.offset.reset",
            "auto.commit.enable", "fetch.min.bytes", "consumer.request.timeout.ms", "responseMinBytes",
            "requestWaitMs");

    /** Reads a create request; a missing or empty body means every default. */
    static ConsumerInstanceConfig parse(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new ConsumerInstanceConfig(null, EmbeddedFormat.BINARY, null, null, -1, null);
        }
        if (!body.isObject()) {
            throw ConsumerErrors.invalid("The body of a create-consumer request must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw ConsumerErrors.invalid("Unrecognized field '" + field + "' in a create-consumer request");
            }
        }
        String name = text(body, "id") != null ? text(body, "id") : text(body, "name");
        if (name != null && (name.isEmpty() || name.contains("/"))) {
            throw ConsumerErrors.invalid("A consumer name must be non-empty and must not contain '/': '" + name + "'");
        }
        Integer minBytes = integer(body, body.has("fetch.min.bytes") ? "fetch.min.bytes" : "responseMinBytes");
        if (minBytes != null && (minBytes < -1 || minBytes > MAX_RESPONSE_MIN_BYTES)) {
            throw new RestException(422, ErrorCodes.INVALID_CONSUMER_CONFIG_CONSTRAINT,
                    "Invalid consumer configuration. It does not abide by the constraints: fetch.min.bytes must be"
                            + " between -1 and " + MAX_RESPONSE_MIN_BYTES + ", not " + minBytes);
        }
        Integer waitMs = integer(body, body.has("consumer.request.timeout.ms") ? "consumer.request.timeout.ms"
                : "requestWaitMs");
        if (waitMs != null && (waitMs < 1 || waitMs > MAX_REQUEST_WAIT_MS)) {
            throw new RestException(422, ErrorCodes.INVALID_CONSUMER_CONFIG_CONSTRAINT,
                    "Invalid consumer configuration. It does not abide by the constraints: consumer.request.timeout.ms"
                            + " must be between 1 and " + MAX_REQUEST_WAIT_MS + ", not " + waitMs);
        }
        return new ConsumerInstanceConfig(name, EmbeddedFormat.fromRequest(text(body, "format")),
                text(body, "auto.offset.reset"), text(body, "auto.commit.enable"),
                minBytes == null ? -1 : minBytes, waitMs);
    }

    /**
     * The Kafka consumer settings: the gateway's {@code consumer.*} settings, then this instance's choices, then what
     * the proxy itself needs (group, byte deserializers). Unless the operator's {@code consumer.*} settings name them,
     * the fetch buffers are bounded by {@code requestMaxBytes}: a read never answers more, and a hundred instances each
     * buffering Kafka's default 50 MiB would take gigabytes of heap.
     */
    Map<String, Object> kafkaConfig(Map<String, Object> gatewayConsumerConfig, String group, int requestMaxBytes) {
        Map<String, Object> config = new HashMap<>(gatewayConsumerConfig);
        ConsumerSettings.namesWithoutConsumerPrefix().forEach(config::remove);
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                Math.min(requestMaxBytes, ConsumerConfig.DEFAULT_FETCH_MAX_BYTES));
        // Larger than Kafka's 1 MiB per partition: a read answers up to requestMaxBytes in one response, and every
        // fetch round trip it waits for is time the REST client waits too (the records arrive in fewer, larger
        // fetches; the fetch.max.bytes bound above still holds for the whole).
        config.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                Math.min(requestMaxBytes, PARTITION_FETCH_BYTES));
        // One poll may hand over everything a fetch brought, instead of 500 records at a time.
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        if (autoOffsetReset != null) {
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
        }
        if (autoCommitEnable != null) {
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, autoCommitEnable);
        }
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw ConsumerErrors.invalid("Field '" + field + "' must be a string");
        }
        return value.asText();
    }

    private static Integer integer(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isTextual()) {
            try {
                return Integer.parseInt(value.asText().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw ConsumerErrors.invalid("Field '" + field + "' must be a whole number, not " + value);
    }
}
