package io.pinpipe.cli.connect;

import io.pinpipe.cli.PinpipeCommand;
import io.pinpipe.cli.StackKafka;
import io.pinpipe.common.JsonTree;
import io.pinpipe.common.KafkaCluster;
import io.pinpipe.common.Redaction;
import io.pinpipe.common.Settings;
import io.pinpipe.connect.worker.ConnectorStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code pinpipe connect status}: the lake connector's state and its tasks' (from the worker's REST API), and its
 * lag per partition (end offset minus the committed offset of group {@code connect-<name>}, from Kafka).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the lake connector's state, its tasks, and its lag per partition.")
final class ConnectStatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "The Kafka cluster. Default: the one the last worker ran against, else setting"
                    + " bootstrap.servers, else the broker pinpipe up started in the data folder, else "
                    + KafkaCluster.EMBEDDED_BOOTSTRAP + ".")
    private String bootstrapServers;

    @Override
    public Integer call() throws Exception {
        PinpipeCommand root = PinpipeCommand.of(spec);
        Path folder = root.dataFolder().connect();
        Settings settings = root.settings(ConnectSettings.WORKER);
        Map<String, String> worker = read(folder.resolve("worker.properties"));
        Map<String, String> connector = read(folder.resolve("connector.properties"));
        String name = connector.getOrDefault("name", settings.get(ConnectSettings.NAME));
        // The last worker's own address beats the setting: the embedded broker may sit on another kafka.port.
        String servers = StackKafka.bootstrapServers(bootstrapServers != null ? bootstrapServers
                : worker.get(KafkaCluster.BOOTSTRAP_SERVERS.name()), settings, root.dataFolder());
        PrintWriter out = spec.commandLine().getOut();

        Optional<ConnectorStatus> status = status(folder, name);
        boolean running = status.map(ConnectorStatus::isRunning).orElse(false);
        if (status.isEmpty()) {
            out.println("connector " + name + ": worker not running (nothing answers at "
                    + folder.resolve(ConnectWorker.REST_URL_FILE) + ")");
        } else {
            out.println("connector " + name + ": " + status.get().state());
            for (ConnectorStatus.TaskStatus task : status.get().tasks()) {
                String trace = task.trace().lines().findFirst().orElse("");
                out.println("  task " + task.id() + ": " + task.state() + (trace.isEmpty() ? "" : " - " + trace));
            }
        }
        List<ConsumerLag.PartitionLag> lags;
        try {
            lags = ConsumerLag.of(servers, name, connector.get("topics"),
                    connector.getOrDefault("topics.regex", java.util.regex.Pattern.quote(
                            settings.get(ConnectSettings.USER_ID)) + "\\..*"));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            out.println("lag unknown: cannot reach Kafka at " + Redaction.text(servers) + " ("
                    + Redaction.text(cause.getMessage()) + ")");
            out.flush();
            return 1;
        }
        out.printf("%-32s %9s %12s %12s %10s%n", "topic", "partition", "end", "committed", "lag");
        long total = 0;
        for (ConsumerLag.PartitionLag lag : lags) {
            out.printf("%-32s %9d %12d %12s %10d%n", lag.partition().topic(), lag.partition().partition(), lag.end(),
                    lag.committed() < 0 ? "-" : Long.toString(lag.committed()), lag.lag());
            total += lag.lag();
        }
        out.println("total lag: " + total + " record(s) over " + lags.size() + " partition(s)");
        out.flush();
        return running ? 0 : 1;
    }

    private static Optional<ConnectorStatus> status(Path folder, String name) throws IOException {
        Path urlFile = folder.resolve(ConnectWorker.REST_URL_FILE);
        if (!Files.isRegularFile(urlFile)) {
            return Optional.empty();
        }
        String url = Files.readString(urlFile).trim();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/connectors/" + name
                    + "/status")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(ConnectorStatus.fromJson(JsonTree.parse(response.body())));
        } catch (java.net.ConnectException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Map<String, String> read(Path file) {
        return Files.isRegularFile(file) ? Settings.readProperties(file) : Map.of();
    }
}
