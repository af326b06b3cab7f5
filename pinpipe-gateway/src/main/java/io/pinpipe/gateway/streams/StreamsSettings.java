package io.pinpipe.gateway.streams;

import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.Settings;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The settings of the streams API.
 *
 * @param topicPattern the topics the streams API sees and may touch: listing, describing, writing, deleting and
 *                     creating all stay inside it, so {@code DELETE /streams/<id>.pin} cannot remove a batch topic
 * @param maxShards    the most shards ({@code ShardCount}) one created stream may have
 * @param maxStreams   the most streams there may be; creating one more is refused
 * @param bodyMaxBytes the largest request body on {@code /streams} routes
 * @param putRecordsMax the most records one PutRecords request may hold
 */
public record StreamsSettings(Pattern topicPattern, int maxShards, int maxStreams, int bodyMaxBytes,
                              int putRecordsMax) {

    public static final ConfigKey TOPIC_PATTERN = ConfigKey.regex("streams.topic.pattern", "streaming-.*",
            "Regular expression (whole name) of the Kafka topics the streams API lists and may create, write and"
                    + " delete");
    public static final ConfigKey MAX_SHARDS = ConfigKey.positiveInt("streams.max.shards", 100,
            "The most shards (Kafka partitions) a stream created through POST /streams/{name} may have");

    public static final ConfigKey MAX_STREAMS = ConfigKey.positiveInt("streams.max.streams", 50,
            "The most streams (topics matching streams.topic.pattern) there may be; POST /streams/{name} beyond it"
                    + " answers 400 LimitExceededException");

    public static final ConfigKey BODY_MAX_BYTES = ConfigKey.positiveInt("streams.body.max.bytes", 8_388_608,
            "Largest request body in bytes on /streams routes (413 above it): Kinesis' 5 MiB of data per PutRecords"
                    + " plus its base64 and JSON framing");

    public static final ConfigKey PUT_RECORDS_MAX = ConfigKey.positiveInt("streams.put.records.max", 500,
            "The most records one PutRecords request may hold (400 ValidationException above it, nothing written);"
                    + " Kinesis' own limit");

    /** Every key, for documentation and for loading. */
    public static final List<ConfigKey> KEYS = List.of(TOPIC_PATTERN, MAX_SHARDS, MAX_STREAMS, BODY_MAX_BYTES,
            PUT_RECORDS_MAX);

    public StreamsSettings {
        requirePositive("maxShards", maxShards);
        requirePositive("maxStreams", maxStreams);
        requirePositive("bodyMaxBytes", bodyMaxBytes);
        requirePositive("putRecordsMax", putRecordsMax);
    }

    public static StreamsSettings defaults() {
        return from(Settings.empty());
    }

    public static StreamsSettings from(Settings settings) {
        return new StreamsSettings(Pattern.compile(settings.get(TOPIC_PATTERN)), settings.getInt(MAX_SHARDS),
                settings.getInt(MAX_STREAMS), settings.getInt(BODY_MAX_BYTES), settings.getInt(PUT_RECORDS_MAX));
    }

    /** True when {@code topic} is a stream: its whole name matches the pattern. */
    public boolean isStream(String topic) {
        return topicPattern.matcher(topic).matches();
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
    }
}
