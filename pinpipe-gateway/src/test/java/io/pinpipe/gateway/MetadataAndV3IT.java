package io.pinpipe.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.pinpipe.gateway.GatewayFixture.utf8;
import static io.pinpipe.gateway.ProduceV2IT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** v2 metadata routes and the v3 cluster and produce routes against a real broker. */
class MetadataAndV3IT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static GatewayFixture fixture;
    private static String clusterId;

    @BeforeAll
    static void start() throws Exception {
        fixture = new GatewayFixture();
        fixture.createTopic("meta", 2);
        fixture.createTopic("v3one", 1);
        fixture.createTopic("v3many", 1);
        fixture.startGateway(Map.of());
        clusterId = fixture.admin.describeCluster().clusterId().get();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void topicsListsExistingTopics() throws Exception {
        HttpResponse<String> response = fixture.get("/topics", "Accept", "application/vnd.kafka.v2+json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.kafka.v2+json");
        List<String> names = MAPPER.readerForListOf(String.class).readValue(response.body());
        assertThat(names).contains("meta", "v3one", "v3many");
    }

    @Test
    void topicDescriptionHasConfigsAndPartitions() throws Exception {
        JsonNode body = MAPPER.readTree(fixture.get("/test/topics/meta").body());
        assertThat(body.get("name").asText()).isEqualTo("meta");
        assertThat(body.get("configs").has("cleanup.policy")).isTrue();
        assertThat(body.get("partitions")).hasSize(2);
        JsonNode replica = body.get("partitions").get(0).get("replicas").get(0);
        assertThat(replica.get("leader").asBoolean()).isTrue();
        assertThat(replica.get("in_sync").asBoolean()).isTrue();
    }

    @Test
    void partitionsAndOffsetsAnswerPerPartition() throws Exception {
        assertThat(MAPPER.readTree(fixture.get("/topics/meta/partitions").body())).hasSize(2);
        assertThat(MAPPER.readTree(fixture.get("/topics/meta/partitions/1").body()).get("partition").asInt())
                .isEqualTo(1);
        fixture.post("/topics/meta/partitions/1", "application/vnd.kafka.json.v2+json",
                "{\"records\":[{\"value\":1},{\"value\":2}]}");
        JsonNode offsets = MAPPER.readTree(fixture.get("/topics/meta/partitions/1/offsets").body());
        assertThat(offsets.get("beginning_offset").asLong()).isZero();
        assertThat(offsets.get("end_offset").asLong()).isEqualTo(2);
    }

    @Test
    void metadataOfMissingTopicsAndPartitionsAnswers404Codes() {
        assertError(fixture.get("/topics/nope"), 404, 40401);
        assertError(fixture.get("/topics/nope/partitions"), 404, 40401);
        assertError(fixture.get("/topics/meta/partitions/7"), 404, 40402);
        assertError(fixture.get("/topics/meta/partitions/7/offsets"), 404, 40402);
    }

    @Test
    void brokersListsTheBrokerIds() throws Exception {
        assertThat(MAPPER.readTree(fixture.get("/brokers").body()).get("brokers").get(0).asInt()).isEqualTo(1);
    }

    @Test
    void v3ClustersNameTheRealClusterId() throws Exception {
        JsonNode list = MAPPER.readTree(fixture.get("/v3/clusters").body());
        assertThat(list.get("kind").asText()).isEqualTo("KafkaClusterList");
        assertThat(list.get("data").get(0).get("cluster_id").asText()).isEqualTo(clusterId);
        assertThat(MAPPER.readTree(fixture.get("/test/v3/clusters/" + clusterId).body()).get("cluster_id").asText())
                .isEqualTo(clusterId);
        assertError(fixture.get("/v3/clusters/other"), 404, 404);
    }

    @Test
    void v3SingleRecordWithHeadersAndTimestampIsWrittenAsSent() throws Exception {
        String header = Base64.getEncoder().encodeToString("h1".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = fixture.post("/v3/clusters/" + clusterId + "/topics/v3one/records",
                "application/json", "{\"headers\":[{\"name\":\"source\",\"value\":\"" + header + "\"}],"
                        + "\"key\":{\"type\":\"STRING\",\"data\":\"k1\"},"
                        + "\"value\":{\"type\":\"JSON\",\"data\":{\"index\":1}},"
                        + "\"timestamp\":\"2021-02-05T19:14:42Z\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = MAPPER.readTree(response.body());
        assertThat(result.get("error_code").asInt()).isEqualTo(200);
        assertThat(result.get("cluster_id").asText()).isEqualTo(clusterId);
        assertThat(result.get("topic_name").asText()).isEqualTo("v3one");
        assertThat(result.get("partition_id").asInt()).isZero();
        assertThat(result.get("offset").asLong()).isZero();
        assertThat(result.get("timestamp").asText()).isEqualTo("2021-02-05T19:14:42.000Z");
        assertThat(result.get("key").get("type").asText()).isEqualTo("STRING");
        assertThat(result.get("key").get("size").asInt()).isEqualTo(2);
        assertThat(result.get("value").get("size").asInt()).isEqualTo("{\"index\":1}".length());
        ConsumerRecord<byte[], byte[]> record = fixture.readAll("v3one", 1).get(0);
        assertThat(utf8(record.key())).isEqualTo("k1");
        assertThat(utf8(record.value())).isEqualTo("{\"index\":1}");
        assertThat(record.timestamp()).isEqualTo(Instant.parse("2021-02-05T19:14:42Z").toEpochMilli());
        assertThat(utf8(record.headers().lastHeader("source").value())).isEqualTo("h1");
    }

    @Test
    void v3StreamOfRecordsAnswersOneResultPerRecordInOrder() throws Exception {
        String bin = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        HttpResponse<String> response = fixture.post("/v3/clusters/" + clusterId + "/topics/v3many/records",
                "application/json", "{\"value\":{\"data\":\"a\"}}\n{\"value\":{\"type\":\"BINARY\",\"data\":\""
                        + bin + "\"}}{\"value\":{\"type\":\"STRING\",\"data\":\"c\"}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> results = MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(response.body()).readAll();
        assertThat(results).extracting(result -> result.get("offset").asLong()).containsExactly(0L, 1L, 2L);
        assertThat(results).extracting(result -> result.get("value").get("type").asText())
                .containsExactly("JSON", "BINARY", "STRING");
        assertThat(fixture.readAll("v3many", 3)).hasSize(3);
    }

    @Test
    void v3RejectsBadInputWithClearErrors() {
        String path = "/v3/clusters/" + clusterId + "/topics/v3one/records";
        assertError(fixture.post(path, "text/plain", "{}"), 415, 415);
        assertError(fixture.post(path, "application/json", "{\"value\":{\"type\":\"AVRO\",\"data\":1}}"), 400, 400);
        assertError(fixture.post(path, "application/json", "{\"value\":"), 400, 400);
        assertError(fixture.post(path, "application/json", "{\"timestamp\":\"yesterday\"}"), 400, 400);
        assertError(fixture.post("/v3/clusters/" + clusterId + "/topics/absent/records", "application/json",
                "{\"value\":{\"data\":1}}"), 404, 404);
    }
}
