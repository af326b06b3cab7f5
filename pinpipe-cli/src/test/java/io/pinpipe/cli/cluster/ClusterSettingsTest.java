package io.pinpipe.cli.cluster;

import io.pinpipe.common.Settings;
import io.pinpipe.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterSettingsTest {

    @TempDir
    Path folder;

    @Test
    void kafkaPortConnectEnabledAndTheListenersPortAreHonoured() {
        ClusterSettings cluster = ClusterSettings.of(Settings.of(Map.of("kafka.port", "19092",
                "connect.enabled", "false")), GatewayConfig.of(Map.of("listeners", "http://127.0.0.1:18082")));

        assertThat(cluster.firstBrokerPort()).isEqualTo(19092);
        assertThat(cluster.connectEnabled()).isFalse();
        assertThat(cluster.gatewayListeners()).containsExactly(URI.create("http://127.0.0.1:18082"),
                URI.create("http://127.0.0.1:18083"));
    }

    @Test
    void theDefaultsAreTheSingleStacksPortsAndConnect() {
        ClusterSettings cluster = ClusterSettings.of(Settings.of(Map.of()), GatewayConfig.of(Map.of()));

        assertThat(cluster.firstBrokerPort()).isEqualTo(9092);
        assertThat(cluster.connectEnabled()).isTrue();
        assertThat(cluster.gatewayListeners()).containsExactly(URI.create("http://127.0.0.1:8082"),
                URI.create("http://127.0.0.1:8083"));
    }

    @Test
    void portZeroGivesEveryGatewayAFreePort() {
        ClusterSettings cluster = ClusterSettings.of(Settings.of(Map.of("kafka.port", "0")),
                GatewayConfig.of(Map.of("listeners", "http://127.0.0.1:0")));

        assertThat(cluster.firstBrokerPort()).isZero();
        assertThat(cluster.gatewayListeners()).containsExactly(URI.create("http://127.0.0.1:0"),
                URI.create("http://127.0.0.1:0"));
    }

    @Test
    void bootstrapServersIsRefusedBecauseTheClusterStartsItsOwnBrokers() {
        assertThatThrownBy(() -> ClusterSettings.of(Settings.of(Map.of("bootstrap.servers", "kafka:9092")),
                GatewayConfig.of(Map.of()))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("up --cluster starts its own brokers; unset bootstrap.servers (it is kafka:9092)");
    }

    @Test
    void aListenersPortWithoutANextPortIsRefused() {
        assertThatThrownBy(() -> ClusterSettings.of(Settings.of(Map.of()),
                GatewayConfig.of(Map.of("listeners", "http://127.0.0.1:65535")))).hasMessageContaining("no next port");
    }

    @Test
    void theFirstStartTakesBrokerPortsFromKafkaPortAndLaterStartsKeepThem() {
        ClusterPorts first = ClusterPorts.loadOrChoose(folder, 3, 19092);

        assertThat(first.clientPorts()).containsExactly(19092, 19093, 19094);
        assertThat(first.controllerPorts()).hasSize(3).doesNotContainAnyElementsOf(first.clientPorts());
        assertThat(ClusterPorts.loadOrChoose(folder, 3, 0)).isEqualTo(first);
    }
}
