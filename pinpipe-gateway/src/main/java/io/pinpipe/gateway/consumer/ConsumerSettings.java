package io.pinpipe.gateway.consumer;

import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.Settings;

import java.util.List;

/**
 * The settings of the consumer API, named as in the Confluent REST Proxy's {@code kafka-rest.properties}.
 *
 * @param instanceTimeoutMs how long an instance may stay idle before it is closed
 * @param requestTimeoutMs  the longest a records read waits for records
 * @param requestMaxBytes   the most record bytes one read answers with
 * @param maxInstances      how many consumer instances may exist at once in this gateway
 * @param bodyMaxBytes      the largest request body on {@code /consumers} routes
 */
public record ConsumerSettings(int instanceTimeoutMs, int requestTimeoutMs, int requestMaxBytes, int maxInstances,
                               int bodyMaxBytes) {

    public static final ConfigKey INSTANCE_TIMEOUT_MS = ConfigKey.positiveInt("consumer.instance.timeout.ms", 300_000,
            "Milliseconds a consumer instance may stay idle before it is closed and forgotten");
    public static final ConfigKey REQUEST_TIMEOUT_MS = ConfigKey.positiveInt("consumer.request.timeout.ms", 1_000,
            "The longest a GET .../records waits for records, in milliseconds (a consumer may ask for less)");
    public static final ConfigKey REQUEST_MAX_BYTES = ConfigKey.positiveInt("consumer.request.max.bytes", 67_108_864,
            "The most key and value bytes one GET .../records answers with (a request may ask for less)");
    public static final ConfigKey MAX_INSTANCES = ConfigKey.positiveInt("consumer.max.instances", 100,
            "How many consumer instances may exist at once; creating one more answers 503");
    public static final ConfigKey BODY_MAX_BYTES = ConfigKey.positiveInt("consumer.body.max.bytes", 1_048_576,
            "Largest request body in bytes on /consumers routes (413 above it); their bodies are small lists of"
                    + " topics, partitions and offsets");

    /** Every key, for documentation and for loading. */
    public static final List<ConfigKey> KEYS = List.of(INSTANCE_TIMEOUT_MS, REQUEST_TIMEOUT_MS, REQUEST_MAX_BYTES,
            MAX_INSTANCES, BODY_MAX_BYTES);

    public ConsumerSettings {
        requirePositive("instanceTimeoutMs", instanceTimeoutMs);
        requirePositive("requestTimeoutMs", requestTimeoutMs);
        requirePositive("requestMaxBytes", requestMaxBytes);
        requirePositive("maxInstances", maxInstances);
        requirePositive("bodyMaxBytes", bodyMaxBytes);
    }

    public static ConsumerSettings defaults() {
        return from(Settings.empty());
    }

    public static ConsumerSettings from(Settings settings) {
        return new ConsumerSettings(settings.getInt(INSTANCE_TIMEOUT_MS), settings.getInt(REQUEST_TIMEOUT_MS),
                settings.getInt(REQUEST_MAX_BYTES), settings.getInt(MAX_INSTANCES), settings.getInt(BODY_MAX_BYTES));
    }

    public ConsumerSettings withInstanceTimeoutMs(int timeoutMs) {
        return new ConsumerSettings(timeoutMs, requestTimeoutMs, requestMaxBytes, maxInstances, bodyMaxBytes);
    }

    public ConsumerSettings withMaxInstances(int max) {
        return new ConsumerSettings(instanceTimeoutMs, requestTimeoutMs, requestMaxBytes, max, bodyMaxBytes);
    }

    /**
     * The names these keys have in a Kafka client map built from {@code consumer.*} settings, where they mean
     * nothing to Kafka (or, for {@code request.timeout.ms}, something else) and must be removed.
     */
    static List<String> namesWithoutConsumerPrefix() {
        return KEYS.stream().map(key -> key.name().substring("consumer.".length())).toList();
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
    }
}
