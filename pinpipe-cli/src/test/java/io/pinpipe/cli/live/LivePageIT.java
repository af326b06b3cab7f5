package io.pinpipe.cli.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.cli.CliRun;
import io.pinpipe.cli.Main;
import io.pinpipe.cli.stack.LocalStack;
import io.pinpipe.cli.stack.StackSettings;
import io.pinpipe.common.Await;
import io.pinpipe.common.HeadlessChromium;
import io.pinpipe.common.LakeFiles;
import io.pinpipe.common.Settings;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TopicLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live page of a running stack ({@code pinpipe up}'s parts, fed by {@code pinpipe emulate}): the JSON endpoint
 * ends with Kafka's and the lake's own numbers and balanced, {@code pinpipe status} exits 0, API keys guard the data
 * but not the page, and headless Chromium sees the numbers move and end equal to Kafka's and the lake's.
 */
class LivePageIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String KEY = "live-page-it-key";
    /** Where the browser test leaves its screenshot (the README's docs/images/live-page.png is one of these). */
    private static final Path SCREENSHOT = Path.of("target", "live-page.png");
    /** The books rows the page draws: path, table, records in Kafka, records landed. */
    private static final Pattern BOOKS_ROW = Pattern.compile("<tr class=\"(ok|bad)\" data-path=\"(batch|stream)\""
            + " data-table=\"(\\w+)\" data-in-kafka=\"(\\d+)\" data-landed=\"(\\d*)\">");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @Test
    @Timeout(600)
    void theJsonEndsEqualToKafkaAndTheLakeAndStatusExitsZero() throws Exception {
        int draws = 120;
        Path config = config("pinpipe.api.keys.enabled=true", "pinpipe.api.keys=" + KEY);
        try (LocalStack stack = start(config)) {
            URI gateway = stack.gatewayUri();
            HttpResponse<String> page = get(gateway.resolve(LiveRoutes.PAGE), null);
            assertThat(page.statusCode()).as("the page holds no data: no key needed").isEqualTo(200);
            assertThat(page.headers().firstValue("content-security-policy")).hasValueSatisfying(policy ->
                    assertThat(policy).startsWith("default-src 'self'"));
            assertThat(get(gateway.resolve("/ui/app.js"), null).statusCode()).isEqualTo(200);
            assertThat(get(gateway.resolve(LiveRoutes.API), null).statusCode()).as("the data needs the key")
                    .isEqualTo(403);

            assertThat(Main.run("--data-dir", dataDir.toString(), "--config", config.toString(), "emulate",
                    "--gateway", gateway.toString(), "--api-key", KEY, "--count", String.valueOf(draws), "--seed",
                    "18", "--concurrency", "4")).isZero();

            // The JSON is the last refresh (every 2 s): one taken before or while the draws were sent may balance too.
            assertThat(Await.until(Duration.ofSeconds(120), () -> {
                JsonNode now = pipeline(gateway);
                return now.path("balanced").asBoolean()
                        && now.path("gateway").path("acknowledged").asLong() == 3L * draws;
            })).as("balanced with every draw in time: %s", pipeline(gateway)).isTrue();
            JsonNode pipeline = pipeline(gateway);
            assertThat(pipeline.path("gateway").path("acknowledged").asLong()).isEqualTo(3L * draws);
            Map<String, Long> kafka = kafka(stack);
            for (JsonNode topic : pipeline.path("topics")) {
                String name = topic.path("topic").asText();
                assertThat(topic.path("in_kafka").asLong()).as(name).isEqualTo(kafka.get(name));
                if (topic.path("kind").asText().equals("batch")) {
                    assertThat(topic.path("in_kafka").asLong()).as(name).isEqualTo(draws);
                    assertThat(topic.path("lake").path("records").asLong()).as("%s in the lake", name)
                            .isEqualTo(lakeLines(name));
                    assertThat(topic.path("lag").asLong()).as("%s sink lag", name).isZero();
                }
            }
            assertThat(pipeline.path("sink").path("state").asText()).isEqualTo("RUNNING");

            assertThat(get(gateway.resolve(LiveRoutes.REPORT), KEY).statusCode()).as("no report yet").isEqualTo(404);
            Path report = Files.createDirectories(dataDir.resolve("results")).resolve("report.html");
            Files.writeString(report, "<html>the answers</html>");
            assertThat(get(gateway.resolve(LiveRoutes.REPORT), null).statusCode()).isEqualTo(403);
            assertThat(get(gateway.resolve(LiveRoutes.REPORT), KEY).body()).isEqualTo("<html>the answers</html>");
            assertThat(Await.until(Duration.ofSeconds(30), () -> pipeline(gateway).path("runs").path("report")
                    .asText().equals(report.toString()))).as("the JSON names the report").isTrue();

            CliRun status = CliRun.of("status", "--gateway", gateway.toString(), "--api-key", KEY);
            assertThat(status.exitCode()).as(status.out()).isZero();
            assertThat(status.out()).contains("BALANCED", String.format("acknowledged %,d", 3 * draws))
                    .doesNotContain(KEY);
        }
    }

    @Test
    @Timeout(600)
    void aBrowserSeesTheNumbersMoveAndEndEqualToKafkaAndTheLake() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.in(Files.createDirectories(dataDir.resolve("browser")));
        int draws = 400;
        Path config = config();
        try (LocalStack stack = start(config)) {
            URI page = stack.gatewayUri().resolve(LiveRoutes.PAGE);
            CompletableFuture<Integer> emulate = CompletableFuture.supplyAsync(() -> Main.run("--data-dir",
                    dataDir.toString(), "--config", config.toString(), "emulate", "--gateway",
                    stack.gatewayUri().toString(), "--count", String.valueOf(draws), "--rate", "40", "--seed", "18",
                    "--concurrency", "4"));
            assertThat(Await.until(Duration.ofSeconds(60), () -> pipeline(stack.gatewayUri()).path("gateway")
                    .path("acknowledged").asLong() > 0)).as("records flow").isTrue();

            String whileFlowing = chromium.dumpDom(page, Duration.ofSeconds(5));
            long seenWhileFlowing = inKafka(whileFlowing, "batch");
            assertThat(refreshes(whileFlowing)).as("the page refreshed itself").isGreaterThanOrEqualTo(2);
            assertThat(emulate.get(300, TimeUnit.SECONDS)).isZero();
            assertThat(Await.until(Duration.ofSeconds(120), () -> pipeline(stack.gatewayUri()).path("balanced")
                    .asBoolean())).isTrue();

            String settled = chromium.dumpDom(page, Duration.ofSeconds(5));
            assertThat(seenWhileFlowing).as("the numbers moved").isLessThan(inKafka(settled, "batch"));
            assertThat(settled).contains("data-balanced=\"true\"");
            Map<String, Long> kafka = kafka(stack);
            Matcher row = BOOKS_ROW.matcher(settled);
            int batchRows = 0;
            while (row.find()) {
                if (row.group(2).equals("batch")) {
                    batchRows++;
                    String topic = stack.topics().batch(SourceTable.of(row.group(3)));
                    assertThat(row.group(1)).as(topic).isEqualTo("ok");
                    assertThat(Long.parseLong(row.group(4))).as("%s in Kafka", topic).isEqualTo(kafka.get(topic))
                            .isEqualTo(draws);
                    assertThat(Long.parseLong(row.group(5))).as("%s in the lake", topic).isEqualTo(lakeLines(topic));
                }
            }
            assertThat(batchRows).isEqualTo(SourceTable.values().length);
            Files.createDirectories(SCREENSHOT.toAbsolutePath().getParent());
            Files.deleteIfExists(SCREENSHOT);
            chromium.screenshot(page, Duration.ofSeconds(5), 1280, 1200, SCREENSHOT);
            assertThat(Files.size(SCREENSHOT)).isPositive();
        }
    }

    private static long inKafka(String dom, String path) {
        Matcher row = BOOKS_ROW.matcher(dom);
        long total = 0;
        while (row.find()) {
            if (row.group(2).equals(path)) {
                total += Long.parseLong(row.group(4));
            }
        }
        return total;
    }

    private static int refreshes(String dom) {
        Matcher count = Pattern.compile("id=\"refreshes\" data-count=\"(\\d+)\"").matcher(dom);
        return count.find() ? Integer.parseInt(count.group(1)) : 0;
    }

    private static JsonNode pipeline(URI gateway) {
        try {
            HttpResponse<String> response = get(gateway.resolve(LiveRoutes.API), KEY);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return PipelineWatch.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(URI uri, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (key != null) {
            request.header("x-api-key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Long> kafka(LocalStack stack) {
        List<String> topics = new ArrayList<>(stack.topics().batchTopics());
        topics.addAll(stack.topics().streamingTopics());
        Map<String, Long> totals = new HashMap<>();
        TopicEnds.of(stack.gateway().context().admin(), topics).forEach((topic, ends) ->
                totals.put(topic, ends.values().stream().mapToLong(Long::longValue).sum()));
        return totals;
    }

    private long lakeLines(String topic) {
        return LakeFiles.lines(LakeFiles.of(dataDir.resolve("lake"), TopicLayout.defaults(), topic)).size();
    }

    private Path config(String... extra) throws IOException {
        Path config = dataDir.resolve("pinpipe.properties");
        List<String> lines = new ArrayList<>(List.of("kafka.port=0", "listeners=http://127.0.0.1:0", "user.id=live",
                "connect.flush.size=50", "connect.rotate.interval.ms=1000"));
        lines.addAll(List.of(extra));
        Files.writeString(config, String.join("\n", lines) + "\n");
        System.setProperty("pinpipe.home", Path.of("..").toAbsolutePath().normalize().toString());
        return config;
    }

    private LocalStack start(Path config) {
        return LocalStack.start(dataDir, Optional.of(config), Settings.load(config, Map.of(), StackSettings.ALL),
                line -> { });
    }
}
