package io.pinpipe.cli.cluster;

import io.pinpipe.cli.stack.StackSettings;
import io.pinpipe.common.Settings;
import io.pinpipe.gateway.config.GatewayConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What {@code pinpipe up --cluster} takes from the stack's and the gateway's settings, read and checked before any
 * node starts: {@code kafka.port} is the first broker's client port on the cluster's first start (the next brokers
 * take the next ports; 0: free ones), {@code connect.enabled=false} starts no Connect workers, the gateway's
 * {@code listeners} port is the first gateway's (the second takes the next port; 0: free ones).
 * {@code bootstrap.servers} is refused: the cluster is its own Kafka.
 *
 * @param firstBrokerPort   the first broker's client port on a first start, 0 for free ports
 * @param connectEnabled    whether the Connect workers run
 * @param gatewayListeners  one listener URL per gateway
 */
record ClusterSettings(int firstBrokerPort, boolean connectEnabled, List<URI> gatewayListeners) {

    static final int GATEWAYS = 2;

    static ClusterSettings of(Settings stack, GatewayConfig gateway) {
        String external = stack.get(StackSettings.BOOTSTRAP_SERVERS).trim();
        if (!external.isEmpty()) {
            throw new IllegalArgumentException("up --cluster starts its own brokers; unset bootstrap.servers (it is "
                    + external + ")");
        }
        return new ClusterSettings(stack.getInt(StackSettings.KAFKA_PORT),
                stack.getBoolean(StackSettings.CONNECT_ENABLED), listeners(gateway.listener()));
    }

    /** The first listener as configured, the others on the next ports (all on free ports when it says 0). */
    private static List<URI> listeners(URI first) {
        if (first.getPort() + GATEWAYS - 1 > 65_535) {
            throw new IllegalArgumentException("up --cluster runs " + GATEWAYS + " gateways on the listeners port and"
                    + " the next; " + first + " leaves no next port");
        }
        return IntStream.range(0, GATEWAYS)
                .mapToObj(offset -> withPort(first, first.getPort() == 0 ? 0 : first.getPort() + offset)).toList();
    }

    private static URI withPort(URI listener, int port) {
        try {
            return new URI(listener.getScheme(), null, listener.getHost(), port, null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("listeners is not a URL: " + listener, e);
        }
    }
}
