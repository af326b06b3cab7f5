package io.pinpipe.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input found to answer 500 (a stack trace in the log) or to slip past the strict parser answers a
 * 4xx with a message that says what is wrong, and writes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

    private static final String TOPIC = "bad-input";
    private static final String JSON_V2 = "application/vnd.kafka.json.v2+json";
    private static final String BINARY_V2 = "application/vnd.kafka.binary.v2+json";
    private static final String CONSUMER_V2 = "application/vnd.kafka.v2+json";
    private static final String CONSUMER = "/consumers/bad-input-readers/instances/reader";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static GatewayFixture fixture;
    private static String v3Records;

    @BeforeAll
    static void start() throws Exception {
        fixture = new GatewayFixture();
        fixture.createTopic(TOPIC, 1);
        fixture.startGateway(Map.of("pinpipe.json.max.nesting.depth", "5"));
        v3Records = "/v3/clusters/" + fixture.admin.describeCluster().clusterId().get() + "/topics/" + TOPIC
                + "/records";
        assertThat(fixture.post("/consumers/bad-input-readers", CONSUMER_V2,
                "{\"name\":\"reader\",\"format\":\"json\"}").statusCode()).isEqualTo(200);
        assertThat(fixture.post("/streams/streaming-bad-input", "application/json", "{}").statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static JsonNode assertRefused(HttpResponse<String> response, int status, int errorCode, String says)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = MAPPER.readTree(response.body());
        assertThat(body.get("error_code").asInt()).as(response.body()).isEqualTo(errorCode);
        assertThat(body.get("message").asText()).contains(says);
        return body;
    }

    private static HttpResponse<String> v3(String record) {
        return fixture.post(v3Records, "application/json", record);
    }

    private static HttpResponse<String> put(String path, String body) {
        return fixture.send(HttpRequest.newBuilder(fixture.uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    @Test
    void v3TimestampsKafkaCannotKeepAre400s() throws Exception {
        assertRefused(v3("{\"value\":{\"data\":1},\"timestamp\":\"1969-12-31T23:59:59Z\"}"), 400, 400,
                "must lie between 1970-01-01T00:00:00Z");
        assertRefused(v3("{\"value\":{\"data\":1},\"timestamp\":\"+1000000000-01-01T00:00:00Z\"}"), 400, 400,
                "\"timestamp\" must lie between");
        assertRefused(v3("{\"value\":{\"data\":1},\"timestamp\":\"yesterday\"}"), 400, 400, "ISO-8601");
        assertThat(v3("{\"value\":{\"data\":1},\"timestamp\":\"1970-01-01T00:00:00Z\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void partitionsOutOfRangeAre4xx() throws Exception {
        assertRefused(v3("{\"partition_id\":1e30,\"value\":{\"data\":1}}"), 400, 400, "partition_id");
        assertRefused(v3("{\"partition_id\":-1,\"value\":{\"data\":1}}"), 400, 400, "partition_id");
        assertRefused(v3("{\"partition_id\":7,\"value\":{\"data\":1}}"), 404, 40402, "Partition 7");
        assertRefused(fixture.post("/topics/" + TOPIC + "/partitions/99999999999", JSON_V2,
                "{\"records\":[{\"value\":1}]}"), 404, 40402, "99999999999");
        assertRefused(fixture.post("/topics/" + TOPIC, JSON_V2, "{\"records\":[{\"value\":1,\"partition\":"
                + "123456789012345678901234567890}]}"), 422, 422, "partition");
        assertRefused(fixture.post(CONSUMER + "/assignments", CONSUMER_V2,
                "{\"partitions\":[{\"topic\":\"" + TOPIC + "\",\"partition\":1e400}]}"), 422, 42200, "partition");
    }

    @Test
    void badBase64IsA4xxOnEveryRoute() throws Exception {
        assertRefused(fixture.post("/topics/" + TOPIC, BINARY_V2, "{\"records\":[{\"value\":\"not base64!\"}]}"),
                422, 422, "base64");
        assertRefused(v3("{\"value\":{\"type\":\"BINARY\",\"data\":\"not base64!\"}}"), 400, 400, "base64");
        assertRefused(v3("{\"headers\":[{\"name\":\"h\",\"value\":\"%%\"}],\"value\":{\"data\":1}}"), 400, 400,
                "base64");
        assertRefused(put("/streams/streaming-bad-input/record",
                "{\"Data\":\"not base64!\",\"PartitionKey\":\"k\"}"), 400, 40000, "base64");
    }

    @Test
    void negativeAndOversizedCountsAre4xx() throws Exception {
        assertRefused(fixture.get(CONSUMER + "/records?timeout=99999999999999999999", "Accept", JSON_V2), 400,
                40000, "timeout");
        assertRefused(fixture.get(CONSUMER + "/records?max_bytes=ten", "Accept", JSON_V2), 400, 40000,
                "max_bytes");
        assertRefused(fixture.post("/consumers/bad-input-readers", CONSUMER_V2,
                "{\"name\":\"other\",\"fetch.min.bytes\":-5}"), 422, 40001, "fetch.min.bytes");
        assertRefused(fixture.post("/consumers/bad-input-readers", CONSUMER_V2,
                "{\"name\":\"other\",\"consumer.request.timeout.ms\":1e400}"), 422, 42200, "whole number");
        assertRefused(fixture.post(CONSUMER + "/positions", CONSUMER_V2,
                "{\"offsets\":[{\"topic\":\"" + TOPIC + "\",\"partition\":0,\"offset\":-1}]}"), 422, 42200,
                "offset");
        assertRefused(fixture.post("/streams/streaming-other", "application/json", "{\"ShardCount\":-1}"), 400,
                40000, "ShardCount");
        assertRefused(fixture.post("/streams/streaming-other", "application/json",
                "{\"ShardCount\":99999999999999999999}"), 400, 40000, "ShardCount");
    }

    @Test
    void topicNamesKafkaRefusesAreKafkasBadRequestNotA500() throws Exception {
        assertRefused(fixture.get("/topics/bad%20name!"), 400, 40002, "");
        String reader = "/consumers/bad-input-readers/instances/bad-topic-reader";
        assertThat(fixture.post("/consumers/bad-input-readers", CONSUMER_V2,
                "{\"name\":\"bad-topic-reader\",\"format\":\"json\"}").statusCode()).isEqualTo(200);
        assertThat(fixture.post(reader + "/subscription", CONSUMER_V2, "{\"topics\":[\"bad name!\"]}")
                .statusCode()).isEqualTo(204);
        assertRefused(fixture.get(reader + "/records?timeout=1000", "Accept", JSON_V2), 400, 40002, "bad name!");
    }

    @Test
    void theConsumerAndStreamsRoutesParseAsStrictlyAsProduce() throws Exception {
        String[] bodies = {"{\"name\":\"x\",\"name\":\"y\"}", "{\"name\":\"x\"} trailing", "{\"a\":[[[[[[1]]]]]]}",
            "{\"name\":\"x\""};
        for (String body : bodies) {
            assertRefused(fixture.post("/consumers/bad-input-readers", CONSUMER_V2, body), 400, 400,
                    "not valid JSON");
            assertRefused(put("/streams/streaming-bad-input/record", body), 400, 400,
                    "SerializationException: the request body is not valid JSON");
        }
        byte[] invalidUtf8 = "{\"Data\":{\"a\":\"\u00e9\"},\"PartitionKey\":\"k\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> stream = fixture.send(HttpRequest.newBuilder(
                        fixture.uri("/streams/streaming-bad-input/record"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8)).header("Content-Type", "application/json"));
        assertRefused(stream, 400, 400, "SerializationException");
        assertRefused(fixture.postBytes(CONSUMER + "/subscription", CONSUMER_V2,
                "{\"topics\":[\"\u00e9\"]}".getBytes(StandardCharsets.ISO_8859_1)), 400, 400, "not valid JSON");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void nothingOfARefusedRequestWasWritten() throws Exception {
        // Runs last: the one accepted record (timestamp 1970) is all the topic holds, and the stream is empty.
        assertThat(fixture.readAll(TOPIC, 1)).extracting(record -> GatewayFixture.utf8(record.value()))
                .containsExactly("1");
        TopicPartition stream = new TopicPartition("streaming-bad-input", 0);
        assertThat(fixture.admin.listOffsets(Map.of(stream, OffsetSpec.latest())).partitionResult(stream).get()
                .offset()).isZero();
    }
}
