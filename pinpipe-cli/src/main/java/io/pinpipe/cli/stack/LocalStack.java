package io.pinpipe.cli.stack;

import io.pinpipe.broker.LocalKafka;
import io.pinpipe.cli.connect.ConnectWorker;
import io.pinpipe.cli.live.LiveRoutes;
import io.pinpipe.cli.supervision.Supervised;
import io.pinpipe.cli.supervision.Supervisor;
import io.pinpipe.cli.supervision.Voice;
import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.DataFolder;
import io.pinpipe.common.Settings;
import io.pinpipe.common.Topics;
import io.pinpipe.gateway.GatewayServer;
import io.pinpipe.gateway.RouteModules;
import io.pinpipe.gateway.config.GatewayConfig;
import io.pinpipe.gateway.http.RouteModule;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The one-machine pipeline, started in order and stopped in reverse: the Kafka broker (embedded, unless
 * {@code bootstrap.servers} names a cluster), the pipeline's topics, the gateway, and the Connect worker with the
 * lake sink. A part that fails to start stops the ones already running and is named in the error. A Connect worker
 * that dies while the stack runs is restarted ({@link Supervisor}); when it cannot be, {@link #failure()}
 * completes and the stack must be stopped.
 */
public final class LocalStack implements RunningStack {

    /** The Connect worker's name on the gateway's {@code /health}. */
    static final String CONNECT_COMPONENT = "connect";
    private static final Voice<ConnectWorker> CONNECT_VOICE = new Voice<>("Connect   ", "the Connect worker",
            worker -> "lake sink RUNNING at " + worker.restUrl(), worker -> "; log " + worker.log());

    private static final Set<String> STACK_KEYS = StackSettings.ALL.stream().map(ConfigKey::name)
            .collect(Collectors.toSet());

    private final Deque<Part> running = new ArrayDeque<>();
    private final Consumer<String> out;
    private final Topics topics;
    private final Path dataDir;
    private String bootstrapServers;
    private GatewayServer gateway;
    private Supervisor<ConnectWorker> connectSupervisor;
    private final CompletableFuture<String> failure = new CompletableFuture<>();

    private LocalStack(Path dataDir, Topics topics, Consumer<String> out) {
        this.dataDir = dataDir;
        this.topics = topics;
        this.out = out;
    }

    /**
     * Starts every part; returns only when all of them are ready.
     *
     * @param configFile the pinpipe config file, read by the gateway too (listeners, client.*, API keys...)
     * @param settings   the stack's settings ({@link StackSettings#ALL}) from that file and the environment
     */
    public static LocalStack start(Path dataDir, Optional<Path> configFile, Settings settings,
                                   Consumer<String> out) {
        return start(dataDir, configFile, settings, Map.of(), out);
    }

    /** As {@link #start(Path, Optional, Settings, Consumer)}, with gateway settings that win over the file's. */
    public static LocalStack start(Path dataDir, Optional<Path> configFile, Settings settings,
                                   Map<String, String> gatewayOverrides, Consumer<String> out) {
        LocalStack stack = new LocalStack(dataDir, new Topics(settings.get(StackSettings.USER_ID)), out);
        try {
            stack.startKafka(settings);
            GatewayConfig gatewayConfig = GatewayConfig.load(configFile.orElse(null), System.getenv(),
                    STACK_KEYS::contains).with(gatewayOverrides).with(Map.of("bootstrap.servers",
                    stack.bootstrapServers));
            stack.createTopics(gatewayConfig, settings);
            stack.startGateway(gatewayConfig, settings);
            if (settings.getBoolean(StackSettings.CONNECT_ENABLED)) {
                stack.startConnect(settings);
            }
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Topics topics() {
        return topics;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** {@code http://host:port} of the gateway, without a stage. */
    public URI gatewayUri() {
        return gateway.baseUri();
    }

    public GatewayServer gateway() {
        return gateway;
    }

    /** The Connect worker running now (a new one after a restart), when the stack runs one. */
    public Optional<ConnectWorker> connectWorker() {
        return Optional.ofNullable(connectSupervisor).map(Supervisor::current);
    }

    @Override
    public CompletableFuture<String> failure() {
        return failure;
    }

    private void startKafka(Settings settings) {
        String external = settings.get(StackSettings.BOOTSTRAP_SERVERS).trim();
        if (!external.isEmpty()) {
            bootstrapServers = external;
            out.accept("Kafka     " + external + " (external cluster)");
            return;
        }
        LocalKafka kafka = LocalKafka.inFolder(new DataFolder(dataDir).kafka(),
                settings.getInt(StackSettings.KAFKA_PORT), Map.of());
        startPart("Kafka broker", () -> {
            kafka.start();
            return kafka::stop;
        });
        bootstrapServers = kafka.bootstrapServers();
        out.accept("Kafka     " + bootstrapServers + " (embedded broker, data in " + kafka.dataDir() + ")");
    }

    private void createTopics(GatewayConfig gatewayConfig, Settings settings) {
        List<String> wanted = new ArrayList<>(topics.batchTopics());
        wanted.addAll(topics.streamingTopics());
        List<String> created = inPart("topics", () -> TopicProvisioner.ensure(gatewayConfig.kafka().admin(), wanted,
                settings.getInt(StackSettings.TOPIC_PARTITIONS)));
        out.accept("Topics    " + String.join(", ", wanted) + (created.isEmpty() ? "" : " (created "
                + created.size() + ")"));
    }

    private void startGateway(GatewayConfig config, Settings settings) {
        List<RouteModule> modules = new ArrayList<>(RouteModules.all(config));
        modules.add(LiveRoutes.forStack(new DataFolder(dataDir), settings, this::sinkState));
        startPart("gateway", () -> {
            gateway = GatewayServer.start(config, modules);
            return gateway;
        });
        String stages = config.stages().stream().map(stage -> gateway.baseUri() + "/" + stage)
                .collect(Collectors.joining(", "));
        out.accept("Gateway   " + gateway.baseUri() + (stages.isEmpty() ? "" : " and " + stages)
                + " (REST Proxy v2/v3, streams API; /health, /metrics, /openapi.json)");
        out.accept("Live page " + gateway.baseUri() + LiveRoutes.PAGE + " (JSON for scripts: " + gateway.baseUri()
                + LiveRoutes.API + "; in a terminal: pinpipe status)");
    }

    /** The lake connector's state for the live page: {@code DOWN} while no worker answers. */
    private String sinkState() {
        Optional<ConnectWorker> worker = connectWorker();
        if (worker.isEmpty()) {
            return connectSupervisor == null ? "NOT STARTED" : "DOWN";
        }
        try {
            return worker.get().status().state();
        } catch (IOException e) {
            return "DOWN";
        }
    }

    private void startConnect(Settings settings) {
        Supervised.Starter<ConnectWorker> starter = () -> ConnectWorker.start(dataDir, bootstrapServers, settings,
                ConnectWorker.Plugin.fromHome());
        startPart("Connect worker", () -> {
            connectSupervisor = Supervisor.of(CONNECT_COMPONENT, CONNECT_VOICE, starter)
                    .health(List.of(gateway.components())).console(out).onGiveUp(failure::complete)
                    .watch(starter.start());
            return connectSupervisor;
        });
        ConnectWorker connectWorker = connectSupervisor.current();
        connectWorker.notes().forEach(note -> out.accept("          " + note));
        out.accept("Connect   " + connectWorker.restUrl() + " (lake sink RUNNING; log " + connectWorker.log() + ")");
    }

    /** Starts one part; its stopper runs at {@link #close()}. */
    private void startPart(String name, PartStarter starter) {
        AutoCloseable stopper = inPart(name, starter::start);
        running.push(new Part(name, stopper));
    }

    private static <T> T inPart(String name, PartAction<T> action) {
        try {
            return action.run();
        } catch (Exception e) {
            throw new StackException(name, e);
        }
    }

    @Override
    public void close() {
        while (!running.isEmpty()) {
            Part part = running.pop();
            try {
                part.stopper().close();
            } catch (Exception e) {
                out.accept("warning: stopping the " + part.name() + " failed: " + e.getMessage());
            }
        }
    }

    @FunctionalInterface
    private interface PartStarter {
        AutoCloseable start() throws Exception;
    }

    @FunctionalInterface
    private interface PartAction<T> {
        T run() throws Exception;
    }

    private record Part(String name, AutoCloseable stopper) {
    }

    /** A part of the stack that did not start, named. */
    public static final class StackException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StackException(String part, Exception cause) {
            super("the " + part + " did not start: " + (cause.getMessage() != null ? cause.getMessage()
                    : cause.getClass().getSimpleName()), cause);
        }
    }
}
