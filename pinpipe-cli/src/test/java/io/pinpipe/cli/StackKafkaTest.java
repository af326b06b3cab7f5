package io.pinpipe.cli;

import io.pinpipe.common.DataFolder;
import io.pinpipe.common.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StackKafkaTest {

    @TempDir
    Path dataDir;

    @Test
    void withoutAStackOrASettingTheCommandsUseTheUsualEmbeddedAddress() {
        assertThat(StackKafka.bootstrapServers(null, Settings.empty(), new DataFolder(dataDir)))
                .isEqualTo("127.0.0.1:9092");
    }

    @Test
    void theEmbeddedBrokerOfTheDataFolderIsFoundOnThePortItTook() throws IOException {
        Files.createDirectories(dataDir.resolve("kafka"));
        Files.writeString(dataDir.resolve("kafka/server.properties"),
                "advertised.listeners=PLAINTEXT\\://127.0.0.1\\:41234\n");
        DataFolder folder = new DataFolder(dataDir);

        assertThat(StackKafka.bootstrapServers(null, Settings.empty(), folder)).isEqualTo("127.0.0.1:41234");
        assertThat(StackKafka.bootstrapServers(null, Settings.of(Map.of("bootstrap.servers", "k:1")), folder))
                .as("an external cluster in the settings wins").isEqualTo("k:1");
        assertThat(StackKafka.bootstrapServers("f:2", Settings.empty(), folder)).as("the flag wins")
                .isEqualTo("f:2");
    }
}
