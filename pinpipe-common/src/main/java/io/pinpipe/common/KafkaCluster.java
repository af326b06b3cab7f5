package io.pinpipe.common;

/**
 * The one declaration of {@code bootstrap.servers}, read by every part that talks to Kafka: {@code pinpipe up}, the
 * gateway, {@code connect run}/{@code connect status}, {@code stream} and the streaming job. Its default is empty on
 * purpose: for {@code pinpipe up} empty means "start the embedded broker", and for every part that only connects it
 * means "the embedded broker at {@link #EMBEDDED_BOOTSTRAP}" ({@link #bootstrapServers}), so no part carries a
 * default of its own that could drift from the others.
 */
public final class KafkaCluster {

    /** Where the embedded broker listens unless {@code kafka.port} moved it: the stack's usual Kafka address. */
    public static final String EMBEDDED_BOOTSTRAP = "127.0.0.1:9092";

    public static final ConfigKey BOOTSTRAP_SERVERS = ConfigKey.of("bootstrap.servers", "",
            "The Kafka cluster: host:port pairs, comma separated. Empty: pinpipe up starts the embedded broker, and"
                    + " every other part connects to " + EMBEDDED_BOOTSTRAP + ".");

    private KafkaCluster() {
    }

    /**
     * The Kafka cluster of a part that connects to one: its flag, which only overrides the setting, else
     * {@code bootstrap.servers}, else {@link #EMBEDDED_BOOTSTRAP}.
     *
     * @param flag the command's flag, null when not given
     */
    public static String bootstrapServers(String flag, Settings settings) {
        String value = flag != null ? flag.trim() : settings.get(BOOTSTRAP_SERVERS).trim();
        return value.isEmpty() ? EMBEDDED_BOOTSTRAP : value;
    }
}
