package io.pinpipe.cli.stack;

import io.pinpipe.cli.connect.ConnectSettings;
import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.KafkaCluster;
import io.pinpipe.common.Topics;

import java.util.List;
import java.util.stream.Stream;

/** The settings of the one-machine stack ({@code pinpipe up}, {@code pinpipe demo}), declared in one place. */
public final class StackSettings {

    public static final ConfigKey USER_ID = Topics.USER_ID;
    public static final ConfigKey BOOTSTRAP_SERVERS = KafkaCluster.BOOTSTRAP_SERVERS;
    public static final ConfigKey KAFKA_PORT = new ConfigKey("kafka.port", "9092",
            "The client port of the embedded broker on its first start (0: any free port); later starts keep the port"
                    + " they had. up --cluster: the first broker's, the others on the next ports.", false,
            StackSettings::isPort, "a port number from 0 to 65535");
    public static final ConfigKey TOPIC_PARTITIONS = ConfigKey.positiveInt("topic.partitions", 1,
            "Partitions of each topic pinpipe creates (the course's topics have one: partition=0 in the lake).");

    public static final ConfigKey CONNECT_ENABLED = ConfigKey.bool("connect.enabled", true,
            "Start the Kafka Connect worker with the lake sink (false: broker and gateway only; up --cluster: both"
                    + " workers).");

    /** The stack's own keys, in the order of the README's table. */
    public static final List<ConfigKey> OWN = List.of(USER_ID, BOOTSTRAP_SERVERS, KAFKA_PORT, TOPIC_PARTITIONS,
            CONNECT_ENABLED);

    /** The stack's own keys and the lake sink's (the gateway reads the same file with its own declarations). */
    public static final List<ConfigKey> ALL = Stream.concat(OWN.stream(), ConnectSettings.ALL.stream()).distinct()
            .toList();

    private StackSettings() {
    }

    private static boolean isPort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            return port >= 0 && port <= 65_535;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
