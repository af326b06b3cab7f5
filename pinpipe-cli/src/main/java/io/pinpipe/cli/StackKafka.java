package io.pinpipe.cli;

import io.pinpipe.broker.LocalKafka;
import io.pinpipe.common.DataFolder;
import io.pinpipe.common.KafkaCluster;
import io.pinpipe.common.Settings;

import java.util.Optional;

/**
 * The Kafka cluster of a command that joins the stack of a data folder ({@code stream}, {@code connect run},
 * {@code connect status}): its flag, else {@code bootstrap.servers}, else the embedded broker that {@code pinpipe up}
 * started in this data folder, on whatever port {@code kafka.port} gave it, else
 * {@link KafkaCluster#EMBEDDED_BOOTSTRAP}. So a moved {@code kafka.port} needs no flag on the other commands.
 */
public final class StackKafka {

    private StackKafka() {
    }

    /** @param flag the command's flag, null when not given */
    public static String bootstrapServers(String flag, Settings settings, DataFolder dataFolder) {
        if (flag == null && settings.get(KafkaCluster.BOOTSTRAP_SERVERS).isBlank()) {
            Optional<String> embedded = LocalKafka.bootstrapServersIn(dataFolder.kafka());
            if (embedded.isPresent()) {
                return embedded.get();
            }
        }
        return KafkaCluster.bootstrapServers(flag, settings);
    }
}
