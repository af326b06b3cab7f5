package io.pinpipe.cli.demo;

import io.pinpipe.cli.CliProcess;
import io.pinpipe.cli.connect.LakeLocation;
import io.pinpipe.cli.stack.LocalStack;
import io.pinpipe.cli.stack.StackSettings;
import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.DataFolder;
import io.pinpipe.common.Settings;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TopicLayout;
import io.pinpipe.common.Topics;
import io.pinpipe.gateway.config.GatewayKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user who changes every documented setting of {@code pinpipe up} and the lake sink (another user id, Kafka port,
 * partition count, connector name, lake folder and {@code topics.dir}, flush size, rotation, tasks, gateway stage,
 * API keys and the emulator's key, the gateway's topic allow-list and limits, Spark heaps) gets commands that agree: {@code up}'s stack, {@code emulate}, {@code connect status},
 * {@code demo}'s reconciliation, {@code stream --available-now} and {@code batch} all use the changed values with no
 * flag repeating them, and the files are where the settings say. Once with the settings in
 * {@code <data-dir>/pinpipe.properties}, once as {@code PINPIPE_<KEY>} environment variables.
 *
 * <p>Left at their defaults, on purpose: {@code bootstrap.servers} (a value means an external cluster, a second
 * broker), {@code connect.enabled} (false means no sink to test), {@code connect.store=s3} with its
 * {@code connect.s3.*} and {@code connect.connector.file} (where they put the lake is pinned by
 * {@code LakeLocationTest}; an S3 server and a second lake would double this test's time). The gateway's TLS, CORS,
 * timeouts and rate limit are each pinned by the gateway's own tests against the same declarations.
 */
class EverySettingChangedIT {

    private static final int DRAWS = 30;
    private static final String USER_ID = "changed";
    private static final String TOPICS_DIR = "landing/raw";
    private static final String STAGE = "dev";
    private static final String CONNECTOR = "moved-lake";
    private static final int PARTITIONS = 2;
    /** Generated per run: a test must not carry a credential, not even a fake one that looks real. */
    private static final String API_KEY = "key-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    private static final int PRODUCE_MAX_RECORDS = 20;
    private static final int REQUEST_MAX_BYTES = 65_536;
    /**
     * Per topic the batch prints {@code <topic>: F files, N rows read, Q quarantined, D duplicates removed, R rows,
     * I new}.
     */
    private static final String LOADED = ": \\d+ files, (\\d+) rows read, \\d+ quarantined, \\d+ duplicates removed,"
            + " (\\d+) rows, (\\d+) new";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Set<String> GATEWAY_KEYS = GatewayKeys.ALL.stream().map(ConfigKey::name)
            .collect(Collectors.toSet());

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path scratch;

    @Test
    @Timeout(600)
    void everySettingChangedInTheConfigFileIsHonouredByEveryCommand() throws Exception {
        Path dataDir = Files.createDirectories(scratch.resolve("data"));
        int kafkaPort = freePort();
        Path config = dataDir.resolve("pinpipe.properties");
        Files.writeString(config, changedSettings(kafkaPort).entrySet().stream()
                .map(setting -> setting.getKey() + "=" + setting.getValue() + "\n").collect(Collectors.joining()));

        runThePipeline(dataDir, kafkaPort, Optional.of(config), Map.of(), Map.of());
    }

    @Test
    @Timeout(600)
    void theSameSettingsAsEnvironmentVariablesAreHonouredByEveryCommand() throws Exception {
        Path dataDir = scratch.resolve("data");
        int kafkaPort = freePort();
        Map<String, String> environment = new LinkedHashMap<>();
        changedSettings(kafkaPort).forEach((key, value) -> environment.put(Settings.environmentVariable(key), value));

        // The commands run as child processes that get the variables; the stack runs in this JVM, whose own
        // environment a test cannot set, so its settings are read from the same variables as PinpipeCommand reads
        // them, and the gateway's are handed over as overrides, as a JVM started with those variables would read them.
        Map<String, String> gateway = new LinkedHashMap<>();
        changedSettings(kafkaPort).forEach((key, value) -> {
            if (GATEWAY_KEYS.contains(key)) {
                gateway.put(key, environment.get(Settings.environmentVariable(key)));
            }
        });
        runThePipeline(dataDir, kafkaPort, Optional.empty(), environment, gateway);
    }

    /** Every setting changed from its default to a value that still works on loopback. */
    private Map<String, String> changedSettings(int kafkaPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("user.id", USER_ID);
        settings.put("kafka.port", Integer.toString(kafkaPort));
        settings.put("topic.partitions", Integer.toString(PARTITIONS));
        settings.put("connect.name", CONNECTOR);
        settings.put("connect.lake.dir", lake().toString());
        settings.put("connect.topics.dir", TOPICS_DIR);
        settings.put("connect.flush.size", "10");
        settings.put("connect.rotate.interval.ms", "1000");
        settings.put("connect.tasks.max", "2");
        settings.put("listeners", "http://127.0.0.1:0");
        settings.put("pinpipe.stages", STAGE);
        settings.put("pinpipe.api.keys.enabled", "true");
        settings.put("pinpipe.api.keys", API_KEY);
        settings.put("api.key", API_KEY);
        settings.put("pinpipe.topics.regex", USER_ID + "[.].*|streaming-" + USER_ID + "-.*");
        settings.put("pinpipe.produce.max.records", Integer.toString(PRODUCE_MAX_RECORDS));
        settings.put("pinpipe.request.max.bytes", Integer.toString(REQUEST_MAX_BYTES));
        settings.put("batch.memory", "768m");
        settings.put("stream.memory", "640m");
        return settings;
    }

    private void runThePipeline(Path dataDir, int kafkaPort, Optional<Path> config, Map<String, String> environment,
                                Map<String, String> gatewayOverrides) throws Exception {
        System.setProperty("pinpipe.home", Path.of("..").toAbsolutePath().normalize().toString());
        Settings settings = Settings.load(config.orElse(null), environment, StackSettings.ALL);
        Topics topics = new Topics(USER_ID);
        String streamed;
        Reconciliation counts;
        try (LocalStack stack = LocalStack.start(dataDir, config, settings, gatewayOverrides, line -> { })) {
            assertThat(stack.bootstrapServers()).as("kafka.port").isEqualTo("127.0.0.1:" + kafkaPort);
            assertThat(stack.topics().userId()).isEqualTo(USER_ID);
            String gateway = stack.gatewayUri().toString();
            assertTheGatewayHonoursItsSettings(gateway, topics);
            run(environment, "emulate", "--gateway", gateway, "--stage", STAGE, "--count", "" + DRAWS, "--seed", "15",
                    "--concurrency", "4");
            run(environment, "emulate", "--mode", "stream", "--gateway", gateway, "--stage", STAGE, "--count",
                    "" + DRAWS, "--seed", "15", "--concurrency", "4");

            counts = Reconciliation.await(stack, LakeLocation.of(new DataFolder(dataDir), settings),
                    Duration.ofSeconds(120));
            assertThat(counts.lakeHoldsKafka()).as(counts.describe()).isTrue();
            assertThat(counts.inKafka().values()).as("every draw acknowledged").containsOnly((long) DRAWS);

            String status = run(environment, "connect", "status");
            assertThat(status).contains("connector " + CONNECTOR + ": RUNNING")
                    .contains("over " + 3 * PARTITIONS + " partition(s)");
            for (String topic : topics.batchTopics()) {
                assertThat(status).as("connect status lists partition 1 of %s", topic)
                        .containsPattern(Pattern.quote(topic) + " +1 ");
            }
            streamed = run(environment, "stream", "--available-now");
            StreamReconciliation stream = StreamReconciliation.of(stack, streamed, counts.distinct());
            assertThat(stream.balances(3L * DRAWS)).as(stream.describe(3L * DRAWS)).isTrue();
        }
        assertTheLakeIsWhereTheSettingsSay(dataDir, topics);
        assertTheBatchLoadedEveryRecord(run(environment, "batch", "--master", "local[2]"), dataDir, topics);
        DataFolder folder = new DataFolder(dataDir);
        assertThat(Files.readString(folder.logs().resolve("batch.log"))).as("batch.memory reached the Spark JVM")
                .contains("pinpipe starts the Spark job: -Xmx768m");
        assertThat(Files.readString(folder.logs().resolve("stream.log"))).as("stream.memory reached the Spark JVM")
                .contains("pinpipe starts the streaming job: -Xmx640m");
        assertThat(folder.streamWarehouse().resolve("pin/_delta_log")).isDirectory();
        assertThat(folder.streamCheckpoints()).isDirectory();
        assertThat(Files.readString(folder.connect().resolve("connector.properties")))
                .contains("name=" + CONNECTOR).contains("tasks.max=2").contains("flush.size=10");
    }

    /** Runs {@code pinpipe --data-dir <data> <args>} as a child process with the environment; returns its output. */
    private String run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        String[] withDataDir = Stream.concat(Stream.of("--data-dir", scratch.resolve("data").toString()),
                Stream.of(args)).toArray(String[]::new);
        CliProcess command = CliProcess.start(scratch.resolve(args[0] + "-" + System.nanoTime() + ".log"),
                environment, withDataDir);
        try {
            assertThat(command.await(300)).as(String.join(" ", args) + ":\n" + command.log()).isZero();
            return command.log();
        } finally {
            command.killIfAlive();
        }
    }

    /**
     * The emulator above runs with no key flag, so its records prove {@code api.key} reached it; these prove the
     * gateway's settings reached the gateway: no key, a topic outside the allow-list, one record too many and a body
     * over the limit are each refused as documented (the key passes, or each would be 403; nothing is written, or the
     * counts below would be off).
     */
    private static void assertTheGatewayHonoursItsSettings(String gateway, Topics topics) throws Exception {
        String pin = topics.batch(SourceTable.PIN);
        String oneRecord = "{\"records\":[{\"value\":{\"n\":1}}]}";
        assertThat(post(gateway, pin, oneRecord, null).statusCode()).as("no key").isEqualTo(403);
        assertThat(post(gateway, "pinpipe.pin", oneRecord, API_KEY).body()).as("outside pinpipe.topics.regex")
                .contains("40301");
        String tooMany = "{\"records\":[" + String.join(",",
                Collections.nCopies(PRODUCE_MAX_RECORDS + 1, "{\"value\":{\"n\":1}}")) + "]}";
        assertThat(post(gateway, pin, tooMany, API_KEY).body()).as("pinpipe.produce.max.records").contains("41301");
        String tooLarge = "{\"records\":[{\"value\":\"" + "x".repeat(REQUEST_MAX_BYTES) + "\"}]}";
        assertThat(post(gateway, pin, tooLarge, API_KEY).statusCode()).as("pinpipe.request.max.bytes").isEqualTo(413);
    }

    private static HttpResponse<String> post(String gateway, String topic, String body, String apiKey)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + "/" + STAGE + "/topics/" + topic))
                .header("Content-Type", "application/vnd.kafka.json.v2+json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("x-api-key", apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertTheLakeIsWhereTheSettingsSay(Path dataDir, Topics topics) throws IOException {
        TopicLayout layout = new TopicLayout(TOPICS_DIR, TopicLayout.DEFAULT_PAD_WIDTH);
        for (String topic : topics.batchTopics()) {
            assertThat(lake().resolve(layout.topicDir(topic))).as("%s landed under %s/%s", topic, lake(), TOPICS_DIR)
                    .isDirectory();
        }
        try (Stream<Path> files = Files.walk(lake())) {
            List<Path> misplaced = files.filter(Files::isRegularFile).filter(file -> !file.startsWith(lake()
                    .resolve(TOPICS_DIR))).toList();
            assertThat(misplaced).as("files of the lake outside its topics.dir").isEmpty();
        }
        assertThat(dataDir.resolve("lake")).as("nothing lands in the default lake").doesNotExist();
    }

    private static void assertTheBatchLoadedEveryRecord(String printed, Path dataDir, Topics topics) {
        for (SourceTable table : SourceTable.values()) {
            String topic = topics.batch(table);
            Matcher loaded = Pattern.compile(Pattern.quote(topic) + LOADED).matcher(printed);
            assertThat(loaded.find()).as("the batch's line for %s in:%n%s", topic, printed).isTrue();
            assertThat(Long.parseLong(loaded.group(1))).as("%s: every record of the moved lake was read", topic)
                    .isEqualTo(DRAWS);
            long rows = Long.parseLong(loaded.group(2));
            assertThat(rows).as("%s: rows reach the table", topic).isPositive();
            assertThat(Long.parseLong(loaded.group(3))).as("%s: the fresh Delta table took every row", topic)
                    .isEqualTo(rows);
            assertThat(dataDir.resolve("warehouse").resolve(table.shortName()).resolve("_delta_log")).isDirectory();
        }
        assertThat(dataDir.resolve("results/report.html")).isRegularFile();
    }

    private Path lake() {
        return scratch.resolve("elsewhere/lake");
    }

    /** A port free now on loopback, for kafka.port: the broker must take exactly the port the settings name. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
