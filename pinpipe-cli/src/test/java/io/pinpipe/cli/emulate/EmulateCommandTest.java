package io.pinpipe.cli.emulate;

import com.sun.net.httpserver.HttpServer;
import io.pinpipe.cli.CliRun;
import io.pinpipe.cli.dataset.DatasetLoadCommandTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class EmulateCommandTest {

    private static final String GEO = "{\"ind\": 0, \"timestamp\": \"2019-01-01 07:21:13\", \"latitude\": -88.8298,"
            + " \"longitude\": -170.188, \"country\": \"Albania\"}\n"
            + "{\"ind\": 1, \"timestamp\": \"2021-09-26 19:49:23\", \"latitude\": -88.8298,"
            + " \"longitude\": -170.188, \"country\": \"Albania\"}\n";

    @TempDir
    Path folder;

    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<String> apiKeys = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void startGatewayAndDataset() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            paths.add(exchange.getRequestURI().getPath());
            apiKeys.add(String.valueOf(exchange.getRequestHeaders().getFirst("x-api-key")));
            byte[] body = (status == 200 ? "{\"offsets\":[{\"partition\":0,\"offset\":3,\"error_code\":null,"
                    + "\"error\":null}],\"key_schema_id\":null,\"value_schema_id\":null}"
                    : "{\"error_code\":40401,\"message\":\"Topic not found.\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Path dataset = Files.createDirectories(folder.resolve("data").resolve("dataset"));
        Files.writeString(dataset.resolve("user_data.jsonl"), DatasetLoadCommandTest.USERS);
        Files.writeString(dataset.resolve("geolocation_data.jsonl"), GEO);
    }

    @AfterEach
    void stopGateway() {
        server.stop(0);
    }

    private String gateway() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private CliRun emulate(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("--data-dir", folder.resolve("data").toString(),
                "emulate", "--gateway", gateway()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void firstRunLoadsTheDefaultDatasetThenPostsWithTheApiKeyNeverPrinted() {
        CliRun run = emulate("--count", "4", "--rows-range", "0..1", "--api-key", "k3y-v4lue", "--user-id", "abc");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("loading the default dataset", "drawn 4 rows", "acknowledged 8", "failed 0",
                "p99", "pinterest_data 4 geolocation_data 0 user_data 0");
        assertThat(paths).hasSize(8).allMatch(path -> path.equals("/test/topics/abc.user")
                || path.equals("/test/topics/abc.geo"));
        assertThat(apiKeys).containsOnly("k3y-v4lue");
        assertThat(run.out() + run.err()).doesNotContain("k3y-v4lue");
    }

    @Test
    void passwordsInTheSourceAndGatewayUrlsAreNeverPrinted() {
        List<String> args = List.of("--data-dir", folder.resolve("data").toString(), "emulate", "--gateway",
                gateway().replace("http://", "http://gw-user:gw-s3cr3t@"), "--count", "1", "--source",
                "jdbc:mysql://db-user:db-s3cr3t@127.0.0.1:1/pinterest?password=db-s3cr3t&sslMode=DISABLED");
        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("emulating against http://[hidden]@127.0.0.1:",
                "jdbc:mysql://[hidden]@127.0.0.1:1/pinterest?password=[hidden]&sslMode=DISABLED");
        assertThat(run.out() + run.err()).contains("cannot connect to the source").doesNotContain("s3cr3t");
    }

    @Test
    void rowsRangeSourceDrawsWithinTheSourcesKeys() {
        CliRun run = emulate("--count", "20", "--rows-range", "source", "--concurrency", "1");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("drawing rows 0..1 (the source's key range)", "acknowledged 40");
        assertThat(run.out()).contains("pinterest_data 20 geolocation_data 0 user_data 0");
    }

    @Test
    void aCommaListSpreadsTheRequestsAndARefusingGatewayIsFailedOver() throws IOException {
        String refusing;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refusing = "http://127.0.0.1:" + gone.getLocalPort();
        }

        List<String> args = List.of("--data-dir", folder.resolve("data").toString(), "emulate", "--gateway",
                refusing + "," + gateway(), "--count", "4", "--rows-range", "0..1", "--concurrency", "1");
        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("emulating against " + refusing + "/test, " + gateway() + "/test (",
                "acknowledged 8, retried 0, failed 0" + System.lineSeparator(),
                "gateway " + refusing + ": 0 requests answered, ", "gateway " + gateway() + ": 8 requests answered,"
                        + " 0 connections refused, 8 records acknowledged, 0 in doubt", "failovers ");
        assertThat(paths).hasSize(8);
    }

    @Test
    void finallyFailedRecordsMakeTheExitCodeOne() {
        status = 404;
        CliRun run = emulate("--count", "1", "--rows-range", "1..1", "--stage", "");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("failed 2: HTTP 404 40401: Topic not found.");
        assertThat(paths).containsOnly("/topics/pinpipe.user", "/topics/pinpipe.geo");
    }

    @Test
    void badArgumentsExitTwo() {
        for (String[] bad : List.of(new String[] {"--concurrency", "0"}, new String[] {"--rows-range", "9"},
                new String[] {"--duration", "soon"}, new String[] {"--mode", "carrier-pigeon"},
                new String[] {"--batch-size", "0"}, new String[] {"--rate", "-1"},
                new String[] {"--user-id", "no spaces"}, new String[] {"--gateway", "ftp://x"},
                new String[] {"--gateway", "http://127.0.0.1:1,http://127.0.0.1:1/"})) {
            CliRun run = emulate(bad);
            assertThat(run.exitCode()).as(String.join(" ", bad) + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).startsWith("pinpipe: ");
        }
        assertThat(emulate("--user-id", "no spaces").err()).as("the flag is checked by the setting's validator")
                .contains("--user-id").contains("user.id");
        assertThat(paths).isEmpty();
    }
}
