package io.pinpipe.cli.stack;

import io.pinpipe.broker.LocalKafka;
import io.pinpipe.common.Settings;
import io.pinpipe.common.Topics;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one-machine pipeline, started in order and stopped in reverse: the Kafka broker (embedded, unless
 * {@code bootstrap.servers} names a cluster), the pipeline's topics, the gateway, and the Connect worker with the
 * lake sink. A part that fails to start stops the ones already running and is named in the error.
 */
public final class LocalStack implements AutoCloseable {

    private final Deque<Part> running = new ArrayDeque<>();
    private final Consumer<String> out;
    private final Topics topics;
    private final Path dataDir;
    private String bootstrapServers;

    private LocalStack(Path dataDir, Topics topics, Consumer<String> out) {
        this.dataDir = dataDir;
        this.topics = topics;
        this.out = out;
    }

    /** Starts every part; returns only when all of them are ready. */
    public static LocalStack start(Path dataDir, Settings settings, Consumer<String> out) {
        LocalStack stack = new LocalStack(dataDir, new Topics(settings.get(StackSettings.USER_ID)), out);
        try {
            stack.startKafka(settings);
            stack.createTopics(settings);
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

    /** The admin/client settings for the cluster the stack uses. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    private void startKafka(Settings settings) {
        String external = settings.get(StackSettings.BOOTSTRAP_SERVERS).trim();
        if (!external.isEmpty()) {
            bootstrapServers = external;
            out.accept("Kafka     " + external + " (external cluster)");
            return;
        }
        LocalKafka kafka = LocalKafka.inFolder(dataDir.resolve("kafka"), settings.getInt(StackSettings.KAFKA_PORT),
                Map.of());
        startPart("Kafka broker", () -> {
            kafka.start();
            return kafka::stop;
        });
        bootstrapServers = kafka.bootstrapServers();
        out.accept("Kafka     " + bootstrapServers + " (embedded broker, data in " + kafka.dataDir() + ")");
    }

    private void createTopics(Settings settings) {
        List<String> wanted = new ArrayList<>(topics.batchTopics());
        wanted.addAll(topics.streamingTopics());
        List<String> created = inPart("topics", () -> TopicProvisioner.ensure(clientConfig(), wanted,
                settings.getInt(StackSettings.TOPIC_PARTITIONS)));
        out.accept("Topics    " + String.join(", ", wanted) + (created.isEmpty() ? "" : " (created "
                + created.size() + ")"));
    }

    /** Starts one part; its stopper runs at {@link #close()}. */
    void startPart(String name, PartStarter starter) {
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
    interface PartStarter {
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
