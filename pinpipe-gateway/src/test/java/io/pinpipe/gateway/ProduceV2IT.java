package io.pinpipe.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.pinpipe.gateway.GatewayFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** REST Proxy v2 produce, sent exactly as Confluent clients (and the course's emulator) send it. */
class ProduceV2IT {

    private static final String JSON_V2 = "application/vnd.kafka.json.v2+json";
    private static final String BINARY_V2 = "application/vnd.kafka.binary.v2+json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new GatewayFixture();
        for (String topic : List.of("pins", "keyed", "binary", "three", "legacy", "staged", "bad", "acked")) {
            fixture.createTopic(topic, topic.equals("three") ? 3 : 1);
        }
        fixture.startGateway(Map.of("pinpipe.request.max.bytes", "100000", "pinpipe.json.max.nesting.depth", "20"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void courseEmulatorRequestIsAcknowledgedWithOneOffsetPerRecord() throws Exception {
        // The exact request user_posting_emulation.py sends through API Gateway: stage prefix, json embedded format.
        String payload = "{\"records\": [{\"value\": {\"index\": 7528, \"unique_id\": \"fbe53c66\", \"title\": "
                + "\"No Title Data Available\", \"follower_count\": \"12k\", \"downloaded\": 1}}]}";
        HttpResponse<String> response = fixture.post("/test/topics/pins", JSON_V2, payload);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.kafka.v2+json");
        JsonNode body = MAPPER.readTree(response.body());
        assertThat(body.get("offsets")).hasSize(1);
        assertThat(body.get("offsets").get(0).get("partition").asInt()).isZero();
        assertThat(body.get("offsets").get(0).get("offset").asLong()).isZero();
        assertThat(body.get("offsets").get(0).get("error_code").isNull()).isTrue();
        assertThat(body.get("offsets").get(0).get("error").isNull()).isTrue();
        assertThat(body.get("key_schema_id").isNull()).isTrue();
        assertThat(body.get("value_schema_id").isNull()).isTrue();
        List<ConsumerRecord<byte[], byte[]>> records = fixture.readAll("pins", 1);
        assertThat(records).hasSize(1);
        assertThat(MAPPER.readTree(records.get(0).value())).isEqualTo(MAPPER.readTree(payload).get("records").get(0)
                .get("value"));
    }

    @Test
    void jsonKeysAndValuesArriveInOrderWithConsecutiveOffsets() throws Exception {
        HttpResponse<String> response = fixture.post("/topics/keyed", JSON_V2,
                "{\"records\":[{\"key\":\"a\",\"value\":{\"n\":1}},{\"key\":{\"k\":2},\"value\":[1,2]},"
                        + "{\"value\":null}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode offsets = MAPPER.readTree(response.body()).get("offsets");
        assertThat(offsets).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(offsets.get(i).get("offset").asLong()).isEqualTo(i);
        }
        List<ConsumerRecord<byte[], byte[]>> records = fixture.readAll("keyed", 3);
        assertThat(records).extracting(record -> utf8(record.key())).containsExactly("\"a\"", "{\"k\":2}", null);
        assertThat(records).extracting(record -> utf8(record.value())).containsExactly("{\"n\":1}", "[1,2]", null);
    }

    @Test
    void binaryRecordsAreBase64Decoded() {
        byte[] raw = {0, 1, 2, (byte) 0xff};
        String value = Base64.getEncoder().encodeToString(raw);
        HttpResponse<String> response = fixture.post("/topics/binary", BINARY_V2,
                "{\"records\":[{\"key\":\"" + Base64.getEncoder().encodeToString("k".getBytes(StandardCharsets.UTF_8))
                        + "\",\"value\":\"" + value + "\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        ConsumerRecord<byte[], byte[]> record = fixture.readAll("binary", 1).get(0);
        assertThat(utf8(record.key())).isEqualTo("k");
        assertThat(record.value()).containsExactly(raw);
    }

    @Test
    void explicitPartitionsInBodyAndPathAreHonoured() throws Exception {
        HttpResponse<String> inBody = fixture.post("/topics/three", JSON_V2,
                "{\"records\":[{\"value\":1,\"partition\":2},{\"value\":2,\"partition\":1}]}");
        HttpResponse<String> inPath = fixture.post("/topics/three/partitions/1", JSON_V2,
                "{\"records\":[{\"value\":3}]}");

        assertThat(inBody.statusCode()).isEqualTo(200);
        JsonNode offsets = MAPPER.readTree(inBody.body()).get("offsets");
        assertThat(offsets.get(0).get("partition").asInt()).isEqualTo(2);
        assertThat(offsets.get(1).get("partition").asInt()).isEqualTo(1);
        assertThat(inPath.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(inPath.body()).get("offsets").get(0).get("partition").asInt()).isEqualTo(1);
        assertThat(fixture.readAll("three", 3)).extracting(ConsumerRecord::partition)
                .containsExactlyInAnyOrder(2, 1, 1);
    }

    @Test
    void legacyGenericContentTypesMeanBinaryAsInConfluent() {
        String value = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
        String body = "{\"records\":[{\"value\":\"" + value + "\"}]}";
        for (String type : List.of("application/vnd.kafka.v2+json", "application/json", "application/octet-stream",
                "application/vnd.kafka+json")) {
            assertThat(fixture.post("/topics/legacy", type, body).statusCode()).as(type).isEqualTo(200);
        }
        assertThat(fixture.readAll("legacy", 4)).extracting(record -> utf8(record.value()))
                .containsExactly("hello", "hello", "hello", "hello");
    }

    @Test
    void everyStagePrefixAnswersLikeTheRoot() {
        assertThat(fixture.post("/test/topics/staged", JSON_V2, "{\"records\":[{\"value\":1}]}").statusCode())
                .isEqualTo(200);
        assertThat(fixture.post("/topics/staged", JSON_V2, "{\"records\":[{\"value\":2}]}").statusCode())
                .isEqualTo(200);
        assertThat(fixture.post("/prod/topics/staged", JSON_V2, "{\"records\":[{\"value\":3}]}").statusCode())
                .isEqualTo(404);
        assertThat(fixture.readAll("staged", 2)).hasSize(2);
    }

    @Test
    void missingTopicAnswers40401Fast() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = fixture.post("/topics/does-not-exist", JSON_V2, "{\"records\":[{\"value\":1}]}");

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3_000);
        assertError(response, 404, 40401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.kafka.v2+json");
    }

    @Test
    void topicCreatedAfterStartWorksWithinSeconds() {
        assertError(fixture.post("/topics/late", JSON_V2, "{\"records\":[{\"value\":1}]}"), 404, 40401);
        fixture.createTopic("late", 1);
        long deadline = System.nanoTime() + 3_000_000_000L;
        int status;
        do {
            status = fixture.post("/topics/late", JSON_V2, "{\"records\":[{\"value\":1}]}").statusCode();
        } while (status == 404 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(200);
    }

    @Test
    void missingPartitionAnswers40402() {
        assertError(fixture.post("/topics/three/partitions/3", JSON_V2, "{\"records\":[{\"value\":1}]}"), 404, 40402);
        assertError(fixture.post("/topics/three", JSON_V2, "{\"records\":[{\"value\":1,\"partition\":9}]}"), 404,
                40402);
        assertError(fixture.post("/topics/three/partitions/x", JSON_V2, "{\"records\":[{\"value\":1}]}"), 404, 40402);
    }

    @Test
    void unsupportedContentTypeAnswers415() {
        assertError(fixture.post("/topics/bad", "text/plain", "{\"records\":[{\"value\":1}]}"), 415, 415);
    }

    @Test
    void unacceptableAcceptHeaderAnswers406() {
        assertError(fixture.post("/topics/bad", JSON_V2, "{\"records\":[{\"value\":1}]}", "Accept", "text/html"), 406,
                406);
    }

    @Test
    void schemaFormatsWithoutSchemasAnswer42201And42202() {
        String avro = "application/vnd.kafka.avro.v2+json";
        assertError(fixture.post("/topics/bad", avro, "{\"records\":[{\"key\":1,\"value\":1}]}"), 422, 42201);
        assertError(fixture.post("/topics/bad", avro, "{\"records\":[{\"value\":1}]}"), 422, 42202);
    }

    @Test
    void badBodiesAnswerClearClientErrorsAndWriteNothing() {
        assertError(fixture.post("/topics/bad", JSON_V2, "{\"records\":[]}"), 422, 422);
        assertError(fixture.post("/topics/bad", JSON_V2, "{\"records\":[{\"value\":1}"), 400, 400);
        assertError(fixture.post("/topics/bad", JSON_V2, ""), 400, 400);
        assertError(fixture.post("/topics/bad", JSON_V2, "[1,2]"), 422, 422);
        assertError(fixture.post("/topics/bad", JSON_V2, "{\"records\":[{\"value\":1,\"colour\":2}]}"), 422, 422);
        assertError(fixture.post("/topics/bad", JSON_V2, "{\"records\":[{\"value\":1,\"partition\":-1}]}"), 422, 422);
        assertError(fixture.post("/topics/bad", BINARY_V2, "{\"records\":[{\"value\":\"not base64!\"}]}"), 422, 422);
        assertError(fixture.post("/topics/bad", JSON_V2, "{\"records\":[{\"value\":"
                + "[".repeat(50) + "]".repeat(50) + "}]}"), 400, 400);
        byte[] invalidUtf8 = {'{', '"', 'r', (byte) 0xc3, (byte) 0x28, '"', ':', '1', '}'};
        assertError(fixture.postBytes("/topics/bad", JSON_V2, invalidUtf8), 400, 400);
        assertError(fixture.post("/topics/bad", JSON_V2, "{\"records\":[{\"value\":\"" + "x".repeat(200_000)
                + "\"}]}"), 413, 413);

        assertThat(fixture.post("/topics/bad", JSON_V2, "{\"records\":[{\"value\":\"still up\"}]}").statusCode())
                .isEqualTo(200);
        assertThat(fixture.readAll("bad", 1)).extracting(record -> utf8(record.value()))
                .containsExactly("\"still up\"");
    }

    @Test
    void unknownPathAndMethodUseTheEnvelope() {
        assertError(fixture.get("/nothing/here"), 404, 404);
    }

    static void assertError(HttpResponse<String> response, int status, int errorCode) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        try {
            JsonNode body = MAPPER.readTree(response.body());
            assertThat(body.get("error_code").asInt()).as(response.body()).isEqualTo(errorCode);
            assertThat(body.get("message").asText()).isNotBlank();
        } catch (Exception e) {
            throw new AssertionError("not an error envelope: " + response.body(), e);
        }
    }
}
