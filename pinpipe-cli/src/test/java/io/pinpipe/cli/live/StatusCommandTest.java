package io.pinpipe.cli.live;

import com.sun.net.httpserver.HttpServer;
import io.pinpipe.cli.CliRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pinpipe status} against a stand-in gateway on loopback: what it prints and its exit code. */
class StatusCommandTest {

    private static final String BALANCED = """
            {"at":"2026-12-05T04:00:00Z","balanced":true,"problems":[],
             "gateway":{"acknowledged":30,"acknowledged_per_second":1.5,"batch_topics_took":30,
                        "streams_acknowledged":0,"streams_per_second":0.0,"streaming_topics_took":0},
             "topics":[{"topic":"t.pin","kind":"batch","table":"pin","partitions":[],"in_kafka":10,"read":10,"lag":0,
                        "lake":{"files":2,"bytes":1234,"records":10,"newest_file":"2026-12-05T03:59:58Z"}}],
             "sink":{"name":"pinpipe-lake","state":"RUNNING","lake":"/lake","lag":0},
             "stream":{"checkpoint":"/cp","last_batch":null,"last_batch_at":null,"lag":null},
             "batch_tables":[{"name":"pin","rows":9,"version":2,"last_commit":"2026-12-05T03:00:00Z"}],
             "stream_tables":[],
             "runs":{"last":null,"history":[],"report":null,"report_written":null},
             "reconciliation":[{"path":"batch","table":"pin","in_kafka":10,"landed":10,"rows":9,"balanced":true,
                                "difference":""}],
             "history":[]}""";

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aBalancedPipelinePrintsItsNumbersAndExitsZero() throws IOException {
        String gateway = serve(200, BALANCED);

        CliRun run = CliRun.of("status", "--gateway", gateway);

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("BALANCED", "acknowledged 30 (1.5/s), batch topics took 30",
                "pinpipe-lake RUNNING, lag 0", "10 records in 2 files, 1,234 bytes", "pin 9 rows (v2)",
                "stream job   never ran");
        assertThat(run.out()).containsPattern("batch +pin +10 +10 +9  ok");
    }

    @Test
    void anUnbalancedPipelineExitsOneAndSaysWhere() throws IOException {
        String gateway = serve(200, BALANCED.replace("\"balanced\":true,\"problems\":[]",
                "\"balanced\":false,\"problems\":[\"t.pin: 3 records in Kafka are not in the lake yet\"]"));

        CliRun run = CliRun.of("status", "--gateway", gateway);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("NOT BALANCED", "problem: t.pin: 3 records in Kafka are not in the lake yet");
    }

    @Test
    void aRefusedKeySaysHowToGiveOne() throws IOException {
        String gateway = serve(403, "{\"error_code\":403,\"message\":\"Forbidden\"}");

        CliRun run = CliRun.of("status", "--gateway", gateway, "--api-key", "wrong-key");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("answered 403 (give --api-key or set PINPIPE_API_KEY)")
                .doesNotContain("wrong-key");
    }

    @Test
    void aGatewayThatDoesNotAnswerIsDown() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }

        CliRun run = CliRun.of("status", "--gateway", "http://127.0.0.1:" + port);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("DOWN, the gateway does not answer");
    }

    private String serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(LiveRoutes.API, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
