package io.pinpipe.cli.connect;

import io.pinpipe.cli.supervision.Supervised;
import io.pinpipe.common.DataFolder;
import io.pinpipe.common.Settings;
import io.pinpipe.connect.ConfluentNames;
import io.pinpipe.connect.LakeSinkConnector;
import io.pinpipe.connect.worker.ConnectorStatus;
import io.pinpipe.connect.worker.WorkerProcess;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The lake sink of the one-machine stack: a real Kafka Connect worker (standalone mode) in a child JVM, with the
 * pinpipe plugin on its plugin path and the lake connector reading every topic of the user
 * ({@code topics.regex=<user-id>\..*}) into the lake {@link LakeLocation} names ({@code <data-dir>/lake} by default,
 * or S3). Its files live in {@code <data-dir>/connect/}: worker and connector properties, the offsets file,
 * {@code worker.log}, and {@code rest.url} for {@code pinpipe connect status}.
 */
public final class ConnectWorker implements Supervised, AutoCloseable {

    public static final String REST_URL_FILE = "rest.url";
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final WorkerProcess process;
    private final Path folder;
    private final List<String> notes;

    private ConnectWorker(WorkerProcess process, Path folder, List<String> notes) {
        this.process = process;
        this.folder = folder;
        this.notes = notes;
    }

    /**
     * Starts the worker and waits until the connector's task is RUNNING.
     *
     * @param dataDir the pinpipe data folder
     * @param bootstrapServers the Kafka cluster to read
     * @param settings pinpipe settings ({@link ConnectSettings})
     * @param plugin where the worker finds its class path and the plugin ({@link Plugin#fromHome()} normally)
     */
    public static ConnectWorker start(Path dataDir, String bootstrapServers, Settings settings, Plugin plugin)
            throws IOException {
        Path folder = Files.createDirectories(new DataFolder(dataDir).connect());
        List<String> notes = new ArrayList<>();
        Map<String, String> connector = connectorConfig(dataDir, settings, notes);
        Map<String, String> worker = Map.of("bootstrap.servers", bootstrapServers,
                "offset.flush.interval.ms", "5000");
        WorkerProcess process = WorkerProcess.start(plugin.classPath(), plugin.pluginPath(), folder, worker, connector,
                Map.of(), START_TIMEOUT);
        try {
            process.awaitRunning(START_TIMEOUT);
            Files.writeString(folder.resolve(REST_URL_FILE), process.restUrl() + "\n");
        } catch (IOException | RuntimeException e) {
            process.kill();
            throw e;
        }
        return new ConnectWorker(process, folder, notes);
    }

    /** The connector settings: a translated connector file when one is configured, else pinpipe's defaults. */
    public static Map<String, String> connectorConfig(Path dataDir, Settings settings, List<String> notes) {
        String lakeFolder = LakeLocation.localLake(new DataFolder(dataDir), settings).toString();
        String userId = settings.get(ConnectSettings.USER_ID);
        Map<String, String> connector = new LinkedHashMap<>();
        connector.put("name", settings.get(ConnectSettings.NAME));
        String file = settings.get(ConnectSettings.CONNECTOR_FILE);
        if (!file.isBlank()) {
            Map<String, String> raw = new LinkedHashMap<>();
            Settings.readProperties(Path.of(file)).forEach((key, value) -> raw.put(key,
                    value.replace("<user-id>", userId)));
            ConfluentNames.Translation translation = ConfluentNames.translate(raw);
            notes.addAll(translation.notes());
            connector.putAll(translation.props());
            if (!connector.containsKey("store") || "local".equals(connector.get("store"))) {
                connector.putIfAbsent("local.dir", lakeFolder);
            }
            connector.putIfAbsent("topics.dir", settings.get(ConnectSettings.TOPICS_DIR));
            return connector;
        }
        connector.put("connector.class", LakeSinkConnector.class.getName());
        connector.put("tasks.max", settings.get(ConnectSettings.TASKS_MAX));
        connector.put("topics.regex", Pattern.quote(userId) + "\\..*");
        connector.put("flush.size", settings.get(ConnectSettings.FLUSH_SIZE));
        connector.put("rotate.interval.ms", settings.get(ConnectSettings.ROTATE_INTERVAL_MS));
        connector.put("store", settings.get(ConnectSettings.STORE));
        connector.put("topics.dir", settings.get(ConnectSettings.TOPICS_DIR));
        if ("s3".equals(settings.get(ConnectSettings.STORE))) {
            connector.put("s3.bucket.name", settings.get(ConnectSettings.S3_BUCKET));
            connector.put("s3.region", settings.get(ConnectSettings.S3_REGION));
            connector.put("store.url", settings.get(ConnectSettings.STORE_URL));
        } else {
            connector.put("local.dir", lakeFolder);
        }
        return connector;
    }

    public ConnectorStatus status() throws IOException {
        return process.status().orElseThrow(() -> new IOException("the worker does not know its connector"));
    }

    public String restUrl() {
        return process.restUrl();
    }

    /** What was changed when a Confluent connector file was translated (empty otherwise). */
    public List<String> notes() {
        return notes;
    }

    public Path log() {
        return process.log();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the worker has exited (a stop, a crash, a {@code kill -9}); returns its exit code. */
    @Override
    public int awaitExit() throws InterruptedException {
        return process.awaitExit();
    }

    /** Stops the worker cleanly: tasks stop, offsets of stored files are committed. */
    @Override
    public void stop() throws IOException {
        process.stop();
        Files.deleteIfExists(folder.resolve(REST_URL_FILE));
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    /** Where the worker's class path and the plugin folder are. */
    public record Plugin(String classPath, Path pluginPath) {

        /**
         * From the {@code pinpipe.home} system property the launcher sets (the repository root); see
         * {@link #fromRoot(Path)}.
         */
        public static Plugin fromHome() {
            String home = System.getProperty("pinpipe.home");
            if (home == null) {
                throw new IllegalStateException("pinpipe.home is not set; start pinpipe with the ./pinpipe launcher");
            }
            return fromRoot(Path.of(home));
        }

        /**
         * From a built checkout: the CLI's runtime class path ({@code pinpipe-cli/target/classpath.txt}) without the
         * connector, which the worker must load from the plugin folder only, and
         * {@code pinpipe-connect/target/plugin}.
         */
        public static Plugin fromRoot(Path root) {
            Path classPathFile = root.toAbsolutePath().resolve("pinpipe-cli/target/classpath.txt");
            if (!Files.isRegularFile(classPathFile)) {
                throw new IllegalStateException(classPathFile + " is missing; build pinpipe with mvn package");
            }
            return new Plugin(withoutConnector(read(classPathFile)),
                    root.toAbsolutePath().resolve("pinpipe-connect/target/plugin"));
        }

        /** A class path without the connector's own jar or classes. */
        static String withoutConnector(String classPath) {
            return Arrays.stream(classPath.trim().split(File.pathSeparator))
                    .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("pinpipe-connect")
                            && !entry.contains("pinpipe-connect" + File.separator + "target"))
                    .collect(Collectors.joining(File.pathSeparator));
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }
}
