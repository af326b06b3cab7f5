package io.pinpipe.cli.cluster;

import io.pinpipe.cli.connect.ConnectSettings;
import io.pinpipe.cli.connect.ConnectWorker;
import io.pinpipe.cli.stack.RunningStack;
import io.pinpipe.cli.stack.StackSettings;
import io.pinpipe.cli.stack.TopicProvisioner;
import io.pinpipe.cli.supervision.Supervisor;
import io.pinpipe.cli.supervision.Voice;
import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.Settings;
import io.pinpipe.common.Topics;
import io.pinpipe.connect.worker.WorkerProcess;
import io.pinpipe.gateway.GatewayServer;
import io.pinpipe.gateway.config.GatewayConfig;
import io.pinpipe.gateway.ops.Components;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The scale-out path on one machine ({@code pinpipe up --cluster}), everything on 127.0.0.1: three Kafka brokers in
 * a KRaft quorum (each its own JVM; replication 3, {@code min.insync.replicas=2}), the pipeline's topics, two gateways
 * in this JVM, two Kafka Connect workers in distributed mode sharing the lake sink's tasks, and a Spark standalone
 * master with two workers for {@code pinpipe batch|stream --master spark://...}. Every child JVM is
 * supervised ({@link Supervisor}): one that dies is restarted, and when it cannot be, {@link #failure()}
 * completes and the cluster must be stopped. Its files live in {@code <data-dir>/cluster/}; the lake is the stack's.
 */
public final class LocalCluster implements RunningStack {

    public static final int BROKERS = 3;
    /** Replicas of every topic, the Connect cluster's own included. */
    public static final int REPLICATION = 3;
    public static final int CONNECT_WORKERS = 2;
    /** Partitions per topic at least, so that both Connect workers have tasks to run. */
    public static final int MIN_PARTITIONS = 3;
    static final String CONNECT_HEAP = "384m";
    public static final int SPARK_WORKERS = 2;
    static final String SPARK_WORKER_MEMORY = "1g";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Set<String> STACK_KEYS = StackSettings.ALL.stream().map(ConfigKey::name)
            .collect(Collectors.toSet());

    private final Path folder;
    private final Path dataDir;
    private final Topics topics;
    private final Consumer<String> out;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<GatewayServer> gateways = new ArrayList<>();
    private final List<Supervisor<ClusterNode>> brokers = new ArrayList<>();
    private final List<Supervisor<ClusterNode>> connectWorkers = new ArrayList<>();
    private final List<Supervisor<ClusterNode>> sparkDaemons = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    /** Every gateway's /health components, told of each node's state. */
    private final List<Components> health = new CopyOnWriteArrayList<>();
    private ClusterPorts ports;
    private int sparkPort;
    private int partitions;

    private LocalCluster(Path dataDir, Topics topics, Consumer<String> out) {
        this.dataDir = dataDir;
        this.folder = dataDir.resolve("cluster");
        this.topics = topics;
        this.out = out;
    }

    /**
     * Starts every part; returns only when all answer and the lake sink's tasks run.
     *
     * @param settings the stack's settings: {@code kafka.port} and {@code connect.enabled} as
     *                 {@link ClusterSettings} reads them; {@code bootstrap.servers} set is refused
     * @param plugin   the class path of the broker and Connect JVMs, and the lake sink plugin
     * @param sparkHome the pinpipe home whose {@code pinpipe-spark/target/lib} holds the Spark jars
     */
    public static LocalCluster start(Path dataDir, Optional<Path> configFile, Settings settings,
                                     ConnectWorker.Plugin plugin, Path sparkHome, Consumer<String> out) {
        GatewayConfig fileConfig = GatewayConfig.load(configFile.orElse(null), System.getenv(), STACK_KEYS::contains);
        ClusterSettings wanted = ClusterSettings.of(settings, fileConfig);
        LocalCluster cluster = new LocalCluster(dataDir, new Topics(settings.get(StackSettings.USER_ID)), out);
        try {
            cluster.startBrokers(plugin, wanted.firstBrokerPort());
            GatewayConfig gatewayConfig = fileConfig.with(Map.of("bootstrap.servers", cluster.bootstrapServers()));
            cluster.createTopics(gatewayConfig, settings);
            wanted.gatewayListeners().forEach(listener -> cluster.startGateway(gatewayConfig, listener));
            if (wanted.connectEnabled()) {
                cluster.startConnect(settings, plugin);
            } else {
                out.accept("Connect   not started (connect.enabled=false)");
            }
            cluster.startSpark(sparkHome);
            cluster.printCost(wanted.connectEnabled() ? CONNECT_WORKERS : 0);
        } catch (Exception e) {
            cluster.close();
            throw e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("the cluster did not start: " + e.getMessage(), e);
        }
        return cluster;
    }

    public String bootstrapServers() {
        return ports.bootstrapServers();
    }

    public Topics topics() {
        return topics;
    }

    public int partitions() {
        return partitions;
    }

    /** {@code http://host:port} of each gateway. */
    public List<URI> gatewayUris() {
        return gateways.stream().map(GatewayServer::baseUri).toList();
    }

    /** The REST URL of each Connect worker running now. */
    public List<String> connectUrls() {
        return connectWorkers.stream().map(worker -> ((ConnectJvm) worker.current()).worker().restUrl()).toList();
    }

    @Override
    public CompletableFuture<String> failure() {
        return failure;
    }

    List<Supervisor<ClusterNode>> brokers() {
        return brokers;
    }

    List<Supervisor<ClusterNode>> connectWorkers() {
        return connectWorkers;
    }

    /** The Spark master, then its workers. */
    List<Supervisor<ClusterNode>> sparkDaemons() {
        return sparkDaemons;
    }

    private void startBrokers(ConnectWorker.Plugin plugin, int firstClientPort) throws Exception {
        ports = ClusterPorts.loadOrChoose(folder, BROKERS, firstClientPort);
        // The quorum forms only when a majority of controllers runs: start all JVMs, then wait for each.
        List<LoggedJvm> launched = new ArrayList<>();
        for (int node = 1; node <= BROKERS; node++) {
            LoggedJvm broker = launchBroker(plugin, node);
            launched.add(broker);
            running.push(broker::stop);
        }
        for (LoggedJvm broker : launched) {
            BrokerJvm.awaitReady(broker, START_TIMEOUT);
        }
        launched.forEach(broker -> running.pop());
        for (int node = 1; node <= BROKERS; node++) {
            int id = node;
            brokers.add(supervise("broker-" + id, launched.get(id - 1),
                    () -> BrokerJvm.awaitReady(launchBroker(plugin, id), START_TIMEOUT)));
        }
        // Together: the last broker stopped alone would wait for a controller quorum that is gone.
        running.push(() -> stopTogether(brokers));
        out.accept("Kafka     " + bootstrapServers() + " (" + BROKERS + " KRaft brokers, replication "
                + REPLICATION + ", min.insync.replicas " + ports.brokerSettings(1).get("min.insync.replicas")
                + "; data and broker.log in " + folder + "/broker-N)");
    }

    private LoggedJvm launchBroker(ConnectWorker.Plugin plugin, int node) throws IOException {
        return BrokerJvm.launch(plugin.classPath(), folder.resolve("broker-" + node),
                ports.clientPorts().get(node - 1), ports.brokerSettings(node));
    }

    /** From now on a dead node is restarted (its folder and ports kept), and every gateway's /health says so. */
    private Supervisor<ClusterNode> supervise(String name, ClusterNode node, ClusterNode.Starter starter) {
        return Supervisor.of(name, Voice.named(name, ClusterNode::endpoint), starter).health(health).console(out)
                .onGiveUp(failure::complete).watch(node);
    }

    /** Stops the nodes at the same time and returns once all are gone. */
    private static void stopTogether(List<Supervisor<ClusterNode>> nodes) {
        List<CompletableFuture<Void>> stops = nodes.stream().map(node -> CompletableFuture.runAsync(() -> {
            try {
                node.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(node.name() + " did not stop: " + e.getMessage(), e);
            }
        }, runnable -> new Thread(runnable, "pinpipe-stop-" + node.name()).start())).toList();
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
    }

    private void createTopics(GatewayConfig gatewayConfig, Settings settings) {
        partitions = Math.max(MIN_PARTITIONS, settings.getInt(StackSettings.TOPIC_PARTITIONS));
        List<String> wanted = new ArrayList<>(topics.batchTopics());
        wanted.addAll(topics.streamingTopics());
        List<String> created = TopicProvisioner.ensure(gatewayConfig.kafka().admin(), wanted, partitions);
        out.accept("Topics    " + String.join(", ", wanted) + " (" + partitions + " partitions, replication "
                + REPLICATION + (created.isEmpty() ? "" : "; created " + created.size()) + ")");
    }

    private void startGateway(GatewayConfig config, URI listener) {
        GatewayServer gateway = GatewayServer.start(config.with(Map.of("listeners", listener.toString())));
        gateways.add(gateway);
        running.push(gateway);
        brokers.forEach(broker -> broker.reportTo(gateway.components()));
        health.add(gateway.components());
        out.accept("Gateway   " + gateway.baseUri() + " (REST Proxy v2/v3, streams API; /health, /metrics)");
    }

    private void startConnect(Settings settings, ConnectWorker.Plugin plugin) throws Exception {
        List<String> notes = new ArrayList<>();
        Map<String, String> connector = new LinkedHashMap<>(ConnectWorker.connectorConfig(dataDir, settings, notes));
        int tasks = Math.max(partitions, Integer.parseInt(connector.getOrDefault("tasks.max", "1")));
        connector.put("tasks.max", Integer.toString(tasks));
        String name = settings.get(ConnectSettings.NAME);
        List<ConnectJvm> started = new ArrayList<>();
        for (int node = 1; node <= CONNECT_WORKERS; node++) {
            ConnectJvm worker = startConnectWorker(plugin, node, settings);
            started.add(worker);
            running.push(worker::stop);
        }
        started.get(0).worker().createConnector(connector, START_TIMEOUT);
        started.get(0).worker().awaitRunning(START_TIMEOUT);
        notes.forEach(note -> out.accept("          " + note));
        started.forEach(worker -> running.pop());
        for (int node = 1; node <= CONNECT_WORKERS; node++) {
            int id = node;
            connectWorkers.add(supervise("connect-" + id, started.get(id - 1),
                    () -> startConnectWorker(plugin, id, settings)));
            out.accept("Connect   " + started.get(id - 1).endpoint());
        }
        running.push(() -> stopTogether(connectWorkers));
        out.accept("          distributed mode, group " + groupId(name) + "; connector " + name + " with " + tasks
                + " tasks RUNNING");
    }

    private ConnectJvm startConnectWorker(ConnectWorker.Plugin plugin, int node, Settings settings)
            throws IOException {
        String name = settings.get(ConnectSettings.NAME);
        String replication = Integer.toString(REPLICATION);
        Map<String, String> worker = new LinkedHashMap<>();
        worker.put("bootstrap.servers", bootstrapServers());
        worker.put("group.id", groupId(name));
        worker.put("config.storage.topic", "_pinpipe-connect-configs");
        worker.put("offset.storage.topic", "_pinpipe-connect-offsets");
        worker.put("status.storage.topic", "_pinpipe-connect-status");
        worker.put("config.storage.replication.factor", replication);
        worker.put("offset.storage.replication.factor", replication);
        worker.put("status.storage.replication.factor", replication);
        worker.put("offset.flush.interval.ms", "5000");
        // A worker that dies is noticed within seconds, so its tasks move to the other one soon.
        worker.put("session.timeout.ms", "10000");
        worker.put("heartbeat.interval.ms", "3000");
        worker.put("scheduled.rebalance.max.delay.ms", "10000");
        // And the sink tasks' consumers of a dead or paused worker leave the connector's group as soon, so the
        // partitions reach the other worker's tasks in seconds rather than after the default 45 s.
        worker.put("consumer.session.timeout.ms", "10000");
        worker.put("consumer.heartbeat.interval.ms", "3000");
        WorkerProcess process = WorkerProcess.startDistributed(plugin.classPath(), plugin.pluginPath(),
                folder.resolve("connect-" + node), worker, name, Map.of(), START_TIMEOUT);
        return new ConnectJvm(process);
    }

    /**
     * A Spark standalone master and its workers, each worker offering one core and {@value #SPARK_WORKER_MEMORY} to
     * executors: {@code pinpipe batch|stream --master <url>} submit to it.
     */
    private void startSpark(Path sparkHome) throws Exception {
        Path sparkFolder = Files.createDirectories(folder.resolve("spark"));
        List<Integer> free = ClusterPorts.freePorts(2);
        sparkPort = free.get(0);
        ClusterNode.Starter masterStarter = () -> SparkDaemon.master(sparkHome, sparkFolder, sparkPort, free.get(1))
                .awaitLogged(SparkDaemon.MASTER_READY, START_TIMEOUT);
        LoggedJvm master = SparkDaemon.master(sparkHome, sparkFolder, sparkPort, free.get(1));
        running.push(master::stop);
        master.awaitLogged(SparkDaemon.MASTER_READY, START_TIMEOUT);
        running.pop();
        List<Supervisor<ClusterNode>> spark = sparkDaemons;
        spark.add(supervise("spark-master", master, masterStarter));
        running.push(() -> stopTogether(spark));
        for (int node = 1; node <= SPARK_WORKERS; node++) {
            String name = "spark-worker-" + node;
            ClusterNode.Starter starter = () -> SparkDaemon.worker(sparkHome, sparkFolder, name, sparkPort, 1,
                    SPARK_WORKER_MEMORY).awaitLogged(SparkDaemon.WORKER_READY, START_TIMEOUT);
            spark.add(supervise(name, starter.start(), starter));
        }
        out.accept("Spark     " + sparkMasterUrl() + " (" + SPARK_WORKERS + " workers, 1 core and "
                + SPARK_WORKER_MEMORY + " each; logs in " + sparkFolder + "): pinpipe batch --master "
                + sparkMasterUrl());
    }

    /** {@code spark://127.0.0.1:<port>} of the Spark standalone master. */
    public String sparkMasterUrl() {
        return SparkDaemon.masterUrl(sparkPort);
    }

    private static String groupId(String connectorName) {
        return connectorName + "-cluster";
    }

    private void printCost(int connectWorkers) {
        int jvms = BROKERS + connectWorkers + 1 + SPARK_WORKERS + 1;
        out.accept("Cost      " + jvms + " JVMs: " + BROKERS + " brokers at -Xmx" + BrokerJvm.HEAP + ", "
                + connectWorkers + " Connect workers at -Xmx" + CONNECT_HEAP + ", a Spark master and "
                + SPARK_WORKERS + " workers at -Xmx" + SparkDaemon.HEAP + ", and this one (the gateways): about"
                + " 2.5 GiB of heap; a Spark job adds one " + SPARK_WORKER_MEMORY + " executor per worker and its"
                + " driver");
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                out.accept("warning: stopping a part of the cluster failed: " + e.getMessage());
            }
        }
    }
}
