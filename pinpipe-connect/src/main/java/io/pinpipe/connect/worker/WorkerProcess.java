package io.pinpipe.connect.worker;

import io.pinpipe.common.JsonTree;
import io.pinpipe.common.process.ChildProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Kafka Connect worker as a child JVM: in standalone mode ({@code ConnectStandalone} with one connector) or in
 * distributed mode ({@link #startDistributed}), with the given class path (which must hold connect-runtime and a log4j
 * binding) and the lake plugin on {@code plugin.path}.
 * Its REST API listens on a free loopback port, read from the worker's log; its log goes to {@code worker.log} in
 * the work folder. {@link #stop()} shuts it down cleanly; {@link #kill()} is a {@code kill -9}. The worker is a
 * {@link ChildProcess}: it stops within seconds when this JVM dies, however it dies.
 */
public final class WorkerProcess implements AutoCloseable {

    private static final Pattern REST_URL = Pattern.compile("REST server listening at (http://[^,\\s]+?)/?[,\\s]");
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ChildProcess process;
    private final Path log;
    private final String connectorName;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String restUrl;

    private WorkerProcess(ChildProcess process, Path log, String connectorName) {
        this.process = process;
        this.log = log;
        this.connectorName = connectorName;
    }

    /**
     * Writes the worker and connector files into {@code workDir} and starts the worker; returns once its REST API
     * answers (use {@link #awaitRunning} to wait for the connector's tasks).
     *
     * @param classPath the worker's class path
     * @param pluginPath the folder holding plugin folders, such as {@code pinpipe-connect/target/plugin}
     * @param worker worker settings; bootstrap.servers at least. Listeners, plugin path, offsets file and
     *               converters get defaults (ByteArrayConverter: values are written as produced)
     * @param connector the connector's settings; {@code name} at least
     * @param environment extra environment variables (AWS credentials for the default chain, for example)
     */
    public static WorkerProcess start(String classPath, Path pluginPath, Path workDir, Map<String, String> worker,
                                      Map<String, String> connector, Map<String, String> environment,
                                      Duration timeout) throws IOException {
        Files.createDirectories(workDir);
        Path workerFile = write(workDir.resolve("worker.properties"), workerProps(pluginPath, worker,
                Map.of("offset.storage.file.filename", workDir.resolve("connect.offsets").toString())));
        Path connectorFile = write(workDir.resolve("connector.properties"), connector);
        return launch("org.apache.kafka.connect.cli.ConnectStandalone", List.of(workerFile.toString(),
                connectorFile.toString()), classPath, workDir, environment, connector.get("name"), timeout);
    }

    /**
     * A worker in distributed mode ({@code ConnectDistributed}): it joins the Connect cluster named by the worker
     * settings ({@code group.id} and the config, offset and status topics), which holds the connectors; returns once
     * its REST API answers. {@link #createConnector} submits the connector to the cluster (once, through any worker).
     *
     * @param worker        worker settings; bootstrap.servers, group.id and the three storage topics at least
     * @param connectorName the connector {@link #status()} and {@link #awaitRunning} ask about
     */
    public static WorkerProcess startDistributed(String classPath, Path pluginPath, Path workDir,
                                                 Map<String, String> worker, String connectorName,
                                                 Map<String, String> environment, Duration timeout)
            throws IOException {
        Files.createDirectories(workDir);
        Path workerFile = write(workDir.resolve("worker.properties"), workerProps(pluginPath, worker, Map.of()));
        return launch("org.apache.kafka.connect.cli.ConnectDistributed", List.of(workerFile.toString()), classPath,
                workDir, environment, connectorName, timeout);
    }

    private static Map<String, String> workerProps(Path pluginPath, Map<String, String> worker,
                                                   Map<String, String> modeDefaults) {
        Map<String, String> workerProps = new LinkedHashMap<>();
        workerProps.put("listeners", "http://127.0.0.1:0");
        workerProps.put("plugin.path", pluginPath.toAbsolutePath().toString());
        workerProps.put("plugin.discovery", "service_load");
        workerProps.putAll(modeDefaults);
        workerProps.put("key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        workerProps.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
        workerProps.putAll(worker);
        return workerProps;
    }

    private static WorkerProcess launch(String mainClass, List<String> args, String classPath, Path workDir,
                                        Map<String, String> environment, String connectorName, Duration timeout)
            throws IOException {
        Path logConfig = workDir.resolve("log4j2.properties");
        Files.writeString(logConfig, String.join("\n", "status = warn",
                "appender.out.type = Console", "appender.out.name = out",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = %d{ISO8601} %p [%t] %c{1} - %m%n",
                "rootLogger.level = INFO", "rootLogger.appenderRef.out.ref = out",
                "logger.clients.name = org.apache.kafka.clients", "logger.clients.level = WARN", ""));
        Path log = workDir.resolve("worker.log");
        List<String> command = ChildProcess.javaCommand(List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=" + logConfig.toAbsolutePath()),
                classPath, mainClass, args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        WorkerProcess started = new WorkerProcess(ChildProcess.start(builder, "Connect worker", STOP_GRACE), log,
                connectorName);
        try {
            started.awaitRestUrl(logStart, timeout);
        } catch (IOException | RuntimeException e) {
            started.kill();
            throw e;
        }
        return started;
    }

    /**
     * Submits (or updates) the connector in a distributed Connect cluster: {@code PUT /connectors/<name>/config}.
     * Retried while the cluster rebalances (409) or a worker forwards to a leader that is not elected yet (5xx).
     */
    public void createConnector(Map<String, String> connector, Duration timeout) throws IOException {
        String body = JsonTree.text(connector);
        HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl + "/connectors/" + connectorName + "/config"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            ensureAlive();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 || response.statusCode() == 201) {
                    return;
                }
                if (response.statusCode() != 409 && response.statusCode() < 500) {
                    throw new IOException("the worker refused connector " + connectorName + ": "
                            + response.statusCode() + " " + response.body());
                }
                last = response.statusCode() + " " + response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while creating " + connectorName, e);
            }
            sleep(500);
        }
        throw new IllegalStateException("the Connect cluster did not accept connector " + connectorName + " within "
                + timeout + ": " + last + " (log: " + log + ")");
    }

    /** Waits until the connector and all its tasks are RUNNING; fails fast with the trace when one has FAILED. */
    public ConnectorStatus awaitRunning(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConnectorStatus last = null;
        while (System.nanoTime() < deadline) {
            ensureAlive();
            last = status().orElse(null);
            if (last != null && last.isRunning()) {
                return last;
            }
            if (last != null && last.failure() != null) {
                throw new IllegalStateException(connectorName + ": " + last.failure() + " (log: " + log + ")");
            }
            sleep(200);
        }
        throw new IllegalStateException("connector " + connectorName + " not running after " + timeout + ": " + last
                + " (log: " + log + ")");
    }

    /** The connector's status, empty while the worker does not know it yet. */
    public java.util.Optional<ConnectorStatus> status() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl + "/connectors/" + connectorName + "/status"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return java.util.Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IOException("worker answered " + response.statusCode() + ": " + response.body());
            }
            return java.util.Optional.of(ConnectorStatus.fromJson(JsonTree.parse(response.body())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + restUrl, e);
        }
    }

    public String restUrl() {
        return restUrl;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The worker's exit code, once it has exited. */
    public int exitValue() {
        return process.process().exitValue();
    }

    /** Waits until the worker has exited, whoever stopped it; returns its exit code. */
    public int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /** Stops the worker the way Ctrl-C would (its shutdown hook stops the tasks), forcibly after 30 s. */
    public void stop() {
        process.close();
    }

    /** {@code kill -9}: the worker gets no chance to flush, commit or clean up. */
    public void kill() {
        process.kill();
        process.close();
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitRestUrl(long logStart, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            ensureAlive();
            if (Files.exists(log)) {
                String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
                Matcher matcher = REST_URL.matcher(text.substring((int) Math.min(logStart, text.length())));
                if (matcher.find()) {
                    restUrl = matcher.group(1);
                    return;
                }
            }
            sleep(100);
        }
        throw new IllegalStateException("the Connect worker did not open its REST API within " + timeout + " (log: "
                + log + ")");
    }

    private void ensureAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the Connect worker exited with code " + exitValue() + ": "
                    + firstError() + " (log: " + log + ")");
        }
    }

    /** The first error the worker logged, with the line after it (Connect puts the reason there). */
    private String firstError() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(" ERROR ")) {
                    return lines.get(i) + (i + 1 < lines.size() ? " " + lines.get(i + 1) : "");
                }
            }
            return "no error logged";
        } catch (IOException e) {
            return "log unreadable: " + e.getMessage();
        }
    }

    private static Path write(Path file, Map<String, String> props) throws IOException {
        StringBuilder text = new StringBuilder();
        props.forEach((key, value) -> text.append(escape(key)).append('=').append(escape(value)).append('\n'));
        return Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    /** Properties-file escaping for the characters that occur in paths and regexes. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace(":", "\\:").replace("=", "\\=");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
