package io.pinpipe.cli.cluster;

import io.pinpipe.common.Settings;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The brokers' ports and cluster id, chosen on the cluster's first start and kept in {@value #FILE}: the KRaft quorum
 * names every controller by address, so a restarted cluster (or a restarted broker) must use the same ones.
 *
 * @param clientPorts     one per broker, node ids 1, 2, 3...
 * @param controllerPorts one per broker
 */
record ClusterPorts(String clusterId, List<Integer> clientPorts, List<Integer> controllerPorts) {

    static final String FILE = "ports.properties";
    private static final String HOST = "127.0.0.1";

    /**
     * The ports in {@code folder}'s {@value #FILE}, or new ones written there: client ports from
     * {@code firstClientPort} on (free ones when it is 0), free controller ports.
     */
    static ClusterPorts loadOrChoose(Path folder, int brokers, int firstClientPort) {
        Path file = folder.resolve(FILE);
        if (Files.exists(file)) {
            Map<String, String> saved = Settings.readProperties(file);
            return new ClusterPorts(saved.get("cluster.id"), ports(saved.get("client.ports")),
                    ports(saved.get("controller.ports")));
        }
        List<Integer> clients = firstClientPort == 0 ? freePorts(brokers)
                : IntStream.range(0, brokers).mapToObj(node -> firstClientPort + node).toList();
        ClusterPorts chosen = new ClusterPorts(Uuid.randomUuid().toString(), clients, freePorts(brokers, clients));
        try {
            Files.createDirectories(folder);
            Files.writeString(file, "# the local cluster's addresses, kept across restarts\ncluster.id="
                    + chosen.clusterId + "\nclient.ports=" + join(chosen.clientPorts) + "\ncontroller.ports="
                    + join(chosen.controllerPorts) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return chosen;
    }

    int brokers() {
        return clientPorts.size();
    }

    String bootstrapServers() {
        return clientPorts.stream().map(port -> HOST + ":" + port).collect(Collectors.joining(","));
    }

    /**
     * Broker {@code nodeId}'s settings: a combined controller and broker in a quorum of all nodes; every topic,
     * internal ones included, with a replica on each of three brokers and two in sync for a write to count.
     */
    Map<String, String> brokerSettings(int nodeId) {
        int replicas = Math.min(3, brokers());
        String minInSync = Integer.toString(Math.max(1, replicas - 1));
        String voters = IntStream.range(0, brokers()).mapToObj(i -> (i + 1) + "@" + HOST + ":"
                + controllerPorts.get(i)).collect(Collectors.joining(","));
        int client = clientPorts.get(nodeId - 1);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("pinpipe.cluster.id", clusterId);
        settings.put("node.id", Integer.toString(nodeId));
        settings.put("controller.quorum.voters", voters);
        settings.put("listeners", "PLAINTEXT://" + HOST + ":" + client + ",CONTROLLER://" + HOST + ":"
                + controllerPorts.get(nodeId - 1));
        settings.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + client);
        settings.put("default.replication.factor", Integer.toString(replicas));
        settings.put("min.insync.replicas", minInSync);
        settings.put("offsets.topic.replication.factor", Integer.toString(replicas));
        settings.put("transaction.state.log.replication.factor", Integer.toString(replicas));
        settings.put("transaction.state.log.min.isr", minInSync);
        settings.put("share.coordinator.state.topic.replication.factor", Integer.toString(replicas));
        settings.put("share.coordinator.state.topic.min.isr", minInSync);
        // The log cleaner takes its whole dedupe buffer (128 MiB by default) at start: half the broker's heap, which
        // sometimes failed a broker's start with OutOfMemoryError. The compacted topics here are small.
        settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        return settings;
    }

    /** {@code count} distinct free ports on 127.0.0.1. */
    static List<Integer> freePorts(int count) {
        return freePorts(count, List.of());
    }

    /** {@code count} distinct free ports on 127.0.0.1, none in {@code taken} (ports asked for, not bound yet). */
    static List<Integer> freePorts(int count, List<Integer> taken) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            // Held open together, so the same free port is never handed out twice.
            while (held.size() < count) {
                ServerSocket socket = new ServerSocket();
                socket.bind(new InetSocketAddress(HOST, 0));
                if (taken.contains(socket.getLocalPort())) {
                    closeQuietly(socket);
                } else {
                    held.add(socket);
                }
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        } finally {
            held.forEach(ClusterPorts::closeQuietly);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Only held to reserve the port.
        }
    }

    private static List<Integer> ports(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    private static String join(List<Integer> ports) {
        return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
