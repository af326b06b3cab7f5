package io.pinpipe.gateway;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.pinpipe.gateway.GatewayFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON value a client sends is the JSON value stored: through v2, v3 and the streams API, read back with a plain
 * Kafka consumer and through the consumer API, numbers keep their exact text (no trip through a double), keys their
 * order and strings their characters.
 */
class ExactValuesIT {

    /** Numbers a double would change: trailing zeros, beyond double range, negative zero, exponents, huge integers. */
    private static final String SENT = "{ \"price\": 1.10, \"huge\": 1e400, \"neg\": -0, \"negFloat\": -0.0,"
            + " \"hundred\": 1E+2, \"big\": 123456789012345678901234567890, \"tiny\": -1.5e-400,"
            + " \"text\": \"caf\\u00e9 \\ud83d\\ude00\", \"z\": 1, \"a\": [0.10, true, null] }";
    /** The same value, compact: the only change is whitespace, and é written as UTF-8 instead of an escape. */
    private static final String STORED = "{\"price\":1.10,\"huge\":1e400,\"neg\":-0,\"negFloat\":-0.0,"
            + "\"hundred\":1E+2,\"big\":123456789012345678901234567890,\"tiny\":-1.5e-400,"
            + "\"text\":\"café \\uD83D\\uDE00\",\"z\":1,\"a\":[0.10,true,null]}";

    private static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new GatewayFixture();
        fixture.createTopic("exact-v2", 1);
        fixture.createTopic("exact-v3", 1);
        fixture.createTopic("exact-consumed", 1);
        fixture.startGateway(Map.of());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void v2KeysAndValuesAreStoredExactly() {
        HttpResponse<String> response = fixture.post("/topics/exact-v2", "application/vnd.kafka.json.v2+json",
                "{\"records\":[{\"key\":" + SENT + ",\"value\":" + SENT + "}]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        List<ConsumerRecord<byte[], byte[]>> records = fixture.readAll("exact-v2", 1);
        assertThat(records).hasSize(1);
        assertThat(utf8(records.get(0).key())).isEqualTo(STORED);
        assertThat(utf8(records.get(0).value())).isEqualTo(STORED);
    }

    @Test
    void v3ValuesAreStoredExactly() throws Exception {
        String clusterId = fixture.admin.describeCluster().clusterId().get();
        HttpResponse<String> response = fixture.post("/v3/clusters/" + clusterId + "/topics/exact-v3/records",
                "application/json", "{\"value\":{\"type\":\"JSON\",\"data\":" + SENT + "}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"error_code\":200");

        List<ConsumerRecord<byte[], byte[]>> records = fixture.readAll("exact-v3", 1);
        assertThat(records).hasSize(1);
        assertThat(utf8(records.get(0).value())).isEqualTo(STORED);
    }

    @Test
    void streamsDataIsStoredExactly() {
        assertThat(fixture.post("/streams/streaming-exact", "application/json", "{\"ShardCount\":1}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> response = fixture.send(HttpRequest.newBuilder(
                        fixture.uri("/streams/streaming-exact/record"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"Data\":" + SENT + ",\"PartitionKey\":\"k\"}"))
                .header("Content-Type", "application/json"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        List<ConsumerRecord<byte[], byte[]>> records = fixture.readAll("streaming-exact", 1);
        assertThat(records).hasSize(1);
        assertThat(utf8(records.get(0).value())).isEqualTo(STORED);
    }

    @Test
    void theConsumerApiHandsTheValueOutExactly() {
        assertThat(fixture.post("/topics/exact-consumed", "application/vnd.kafka.json.v2+json",
                "{\"records\":[{\"value\":" + SENT + "}]}").statusCode()).isEqualTo(200);
        String consumer = "/consumers/exact-readers/instances/reader";
        assertThat(fixture.post("/consumers/exact-readers", "application/vnd.kafka.v2+json",
                "{\"name\":\"reader\",\"format\":\"json\",\"auto.offset.reset\":\"earliest\"}").statusCode())
                .isEqualTo(200);
        assertThat(fixture.post(consumer + "/subscription", "application/vnd.kafka.v2+json",
                "{\"topics\":[\"exact-consumed\"]}").statusCode()).isEqualTo(204);

        StringBuilder bodies = new StringBuilder();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!bodies.toString().contains("\"value\":" + STORED) && System.nanoTime() < deadline) {
            HttpResponse<String> records = fixture.get(consumer + "/records?timeout=500",
                    "Accept", "application/vnd.kafka.json.v2+json");
            assertThat(records.statusCode()).as(records.body()).isEqualTo(200);
            bodies.append(records.body());
        }
        assertThat(bodies.toString()).contains("\"value\":" + STORED);
        fixture.send(HttpRequest.newBuilder(fixture.uri(consumer)).DELETE());
    }
}
