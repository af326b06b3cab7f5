package io.pinpipe.broker;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Apache Kafka broker in this JVM: one node that is both controller and broker (KRaft), its data under one
 * folder. The first start chooses the ports (free ones unless given), formats the storage and writes
 * {@code server.properties} into the folder; later starts read that file back, so a restarted broker keeps its
 * address, its cluster id and every record. Used by {@code pinpipe up} and by the integration tests.
 *
 * <p>Not thread-safe: one owner starts and stops it.
 */
public final class LocalKafka implements AutoCloseable {

    /** The broker's own settings file inside the data folder. */
    public static final String SERVER_PROPERTIES = "server.properties";

    /** In an override value: the client port this broker chose (kept across restarts). */
    public static final String CLIENT_PORT = "{client.port}";
    /** In an override value: the controller port this broker chose (kept across restarts). */
    public static final String CONTROLLER_PORT = "{controller.port}";

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Map<String, String> overrides;
    private final int requestedPort;
    private final String host;
    private KafkaRaftServer server;
    private Properties serverProperties;

    private LocalKafka(Path dataDir, int requestedPort, String host, Map<String, String> overrides) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.requestedPort = requestedPort;
        this.host = host;
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * A broker whose data lives in {@code dataDir}.
     *
     * @param port the client port on the first start; 0 chooses a free one. Later starts keep the first port.
     * @param overrides broker settings applied on top of the single-node defaults on every start (listeners,
     *                  SASL, TLS, retention...); {@value #CLIENT_PORT} and {@value #CONTROLLER_PORT} in a value
     *                  stand for the chosen ports
     */
    public static LocalKafka inFolder(Path dataDir, int port, Map<String, String> overrides) {
        return new LocalKafka(dataDir, port, "127.0.0.1", overrides);
    }

    public static LocalKafka inFolder(Path dataDir) {
        return inFolder(dataDir, 0, Map.of());
    }

    /** Formats the storage if this is the first start, starts the broker and waits until it answers clients. */
    public synchronized LocalKafka start() {
        if (server != null) {
            throw new IllegalStateException("broker in " + dataDir + " is already running");
        }
        serverProperties = loadOrCreateProperties();
        format(serverProperties);
        KafkaConfig config = new KafkaConfig(serverProperties, false);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        awaitReady();
        LOG.info("Kafka broker ready at {} (data in {})", bootstrapServers(), dataDir);
        return this;
    }

    /** Stops the broker and waits until it has shut down; its data stays for the next {@link #start()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("Kafka broker at {} stopped", bootstrapServers());
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code host:port} of the client listener, as clients put it in {@code bootstrap.servers}. */
    public String bootstrapServers() {
        if (serverProperties == null) {
            throw new IllegalStateException("broker in " + dataDir + " has never been started");
        }
        return clientAddress(serverProperties);
    }

    /**
     * Where the broker whose data lives in {@code dataDir} takes clients, read from the settings its first start
     * wrote (it keeps that address across restarts), without starting it: how a command finds a running stack's
     * broker whatever port it chose. Empty when no broker was ever started there.
     */
    public static Optional<String> bootstrapServersIn(Path dataDir) {
        Path file = dataDir.resolve(SERVER_PROPERTIES);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker settings " + file, e);
        }
        return Optional.ofNullable(properties.getProperty("advertised.listeners")).map(any -> clientAddress(properties));
    }

    private static String clientAddress(Properties properties) {
        String first = properties.getProperty("advertised.listeners").split(",")[0];
        return first.substring(first.indexOf("://") + 3);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The settings the broker runs with (a copy). */
    public Map<String, String> serverProperties() {
        Map<String, String> copy = new TreeMap<>();
        serverProperties.stringPropertyNames().forEach(name -> copy.put(name, serverProperties.getProperty(name)));
        return copy;
    }

    @Override
    public void close() {
        stop();
    }

    private Properties loadOrCreateProperties() {
        Path file = dataDir.resolve(SERVER_PROPERTIES);
        Properties properties = new Properties();
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
            } else {
                properties.putAll(singleNodeDefaults());
            }
            overrides.forEach((name, value) -> properties.put(name, withPorts(value, properties)));
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(writer, "pinpipe single-node broker; ports and cluster id are kept across restarts");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker settings in " + dataDir, e);
        }
        return properties;
    }

    /**
     * Fills the placeholders {@value #CLIENT_PORT} and {@value #CONTROLLER_PORT} in an override with the ports this
     * broker chose, so tests can define their own listeners (e.g. SASL_SSL) on free ports.
     */
    private static String withPorts(String value, Properties properties) {
        String voters = properties.getProperty("controller.quorum.voters", "");
        String controllerPort = voters.substring(voters.lastIndexOf(':') + 1);
        return value.replace(CLIENT_PORT, properties.getProperty("pinpipe.client.port", ""))
                .replace(CONTROLLER_PORT, controllerPort);
    }

    private Map<String, String> singleNodeDefaults() {
        int clientPort = requestedPort == 0 ? freePort() : requestedPort;
        int controllerPort = freePort();
        Map<String, String> defaults = new TreeMap<>();
        defaults.put("pinpipe.cluster.id", Uuid.randomUuid().toString());
        defaults.put("pinpipe.client.port", Integer.toString(clientPort));
        defaults.put("process.roles", "broker,controller");
        defaults.put("node.id", "1");
        defaults.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        defaults.put("listeners", "PLAINTEXT://" + host + ":" + clientPort + ",CONTROLLER://" + host + ":"
                + controllerPort);
        defaults.put("advertised.listeners", "PLAINTEXT://" + host + ":" + clientPort);
        defaults.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        defaults.put("controller.listener.names", "CONTROLLER");
        defaults.put("inter.broker.listener.name", "PLAINTEXT");
        defaults.put("log.dirs", dataDir.resolve("logs").toString());
        // One node: every internal topic has one replica, and nothing waits for peers that never come.
        defaults.put("offsets.topic.replication.factor", "1");
        defaults.put("offsets.topic.num.partitions", "5");
        defaults.put("transaction.state.log.replication.factor", "1");
        defaults.put("transaction.state.log.min.isr", "1");
        defaults.put("share.coordinator.state.topic.replication.factor", "1");
        defaults.put("share.coordinator.state.topic.min.isr", "1");
        defaults.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created on purpose (pinpipe up, pinpipe topics create): a typo must not create one.
        defaults.put("auto.create.topics.enable", "false");
        defaults.put("num.partitions", "1");
        return defaults;
    }

    private void format(Properties properties) {
        Path file = dataDir.resolve(SERVER_PROPERTIES);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream printer = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(new String[] {"format", "--ignore-formatted",
                    "--cluster-id", properties.getProperty("pinpipe.cluster.id"), "--config", file.toString()},
                    printer);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the broker storage in " + dataDir + ": " + e.getMessage(),
                    e);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("formatting the broker storage in " + dataDir + " failed: "
                    + output.toString(StandardCharsets.UTF_8).trim());
        }
    }

    private void awaitReady() {
        Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        if (!usesPlaintextClientListener()) {
            return;
        }
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the broker", e);
                }
            }
        }
        throw new IllegalStateException("the broker at " + bootstrapServers() + " did not become ready within "
                + READY_TIMEOUT.toSeconds() + " s", last);
    }

    /** Readiness is probed with a plain client; a broker whose only client listener is secured is trusted. */
    private boolean usesPlaintextClientListener() {
        String advertised = serverProperties.getProperty("advertised.listeners");
        String listenerName = advertised.split(",")[0].split("://")[0];
        String map = serverProperties.getProperty("listener.security.protocol.map");
        return map.contains(listenerName + ":PLAINTEXT");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
