package io.pinpipe.cli.stack;

import io.pinpipe.common.ConfigKey;

import java.util.List;

/** The settings of the one-machine stack ({@code pinpipe up}, {@code pinpipe demo}), declared in one place. */
public final class StackSettings {

    public static final ConfigKey USER_ID = ConfigKey.of("user.id", "pinpipe",
            "The user id in topic names: <id>.pin|geo|user and streaming-<id>-pin|geo|user (the course uses the"
                    + " AWS user id).");
    public static final ConfigKey BOOTSTRAP_SERVERS = ConfigKey.of("bootstrap.servers", "",
            "An external Kafka cluster. Empty: start the embedded single-node broker.");
    public static final ConfigKey KAFKA_PORT = ConfigKey.positiveInt("kafka.port", 9092,
            "The client port of the embedded broker on its first start (later starts keep the port they had).");
    public static final ConfigKey TOPIC_PARTITIONS = ConfigKey.positiveInt("topic.partitions", 1,
            "Partitions of each topic pinpipe creates (the course's topics have one: partition=0 in the lake).");

    public static final List<ConfigKey> ALL = List.of(USER_ID, BOOTSTRAP_SERVERS, KAFKA_PORT, TOPIC_PARTITIONS);

    private StackSettings() {
    }
}
