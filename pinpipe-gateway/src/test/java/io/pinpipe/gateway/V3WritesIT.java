package io.pinpipe.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.common.Await;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.pinpipe.gateway.GatewayFixture.utf8;
import static io.pinpipe.gateway.V3Shapes.error;
import static io.pinpipe.gateway.V3Shapes.json;
import static io.pinpipe.gateway.V3Shapes.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writing operations of REST Proxy v3 against a real broker: topic administration behind the gateway's
 * administration rights, {@code records:batch} with per-entry results, a stream of records answered per record,
 * and what needs a Schema Registry refused instead of written as JSON.
 */
class V3WritesIT {

    private static final String JSON = "application/json";
    private static GatewayFixture fixture;
    private static String cluster;

    @BeforeAll
    static void start() throws Exception {
        fixture = new GatewayFixture();
        fixture.createTopic("v3w.batch", 2);
        fixture.createTopic("v3w.stream", 1);
        fixture.createTopic("v3w.schema", 1);
        fixture.createTopic("v3w.refused", 1);
        fixture.startGateway(Map.of());
        cluster = "/v3/clusters/" + fixture.admin.describeCluster().clusterId().get();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void createRaisePartitionsAndDeleteATopic() throws Exception {
        HttpResponse<String> created = fixture.post(cluster + "/topics", JSON, "{\"topic_name\":\"v3w.new\","
                + "\"partitions_count\":3,\"replication_factor\":1,"
                + "\"configs\":[{\"name\":\"retention.ms\",\"value\":\"3600000\"}]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode topic = json(created.body());
        V3Shapes.assertResource(topic, "KafkaTopic", V3Shapes.TOPIC);
        assertThat(topic.path("partitions_count").asInt()).isEqualTo(3);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith(cluster + "/topics/v3w.new"));
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "v3w.new");
        assertThat(fixture.admin.describeConfigs(List.of(resource)).all().get().get(resource).get("retention.ms")
                .value()).isEqualTo("3600000");
        HttpResponse<String> written = fixture.post(cluster + "/topics/v3w.new/records", JSON,
                "{\"partition_id\":2,\"value\":{\"data\":1}}");
        assertThat(written.statusCode()).as("a new topic takes records at once: " + written.body()).isEqualTo(200);
        error(fixture.post(cluster + "/topics", JSON, "{\"topic_name\":\"v3w.new\"}"), 400, 40002);

        JsonNode raised = resource(fixture.send(HttpRequest.newBuilder(fixture.uri(cluster + "/topics/v3w.new"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"partitions_count\":5}"))
                .header("Content-Type", JSON)), "KafkaTopic", V3Shapes.TOPIC);
        assertThat(raised.path("partitions_count").asInt()).isEqualTo(5);
        assertThat(Await.until(Duration.ofSeconds(30), () -> partitions("v3w.new") == 5)).isTrue();
        HttpResponse<String> toNewPartition = fixture.post(cluster + "/topics/v3w.new/records", JSON,
                "{\"partition_id\":4,\"value\":{\"data\":1}}");
        assertThat(toNewPartition.statusCode()).as("a new partition takes records at once: " + toNewPartition.body())
                .isEqualTo(200);
        error(patch(cluster + "/topics/v3w.new", "{\"partitions_count\":2}"), 400, 40002);
        error(patch(cluster + "/topics/v3w.new", "{\"partitions_count\":\"many\"}"), 400, 400);
        error(patch(cluster + "/topics/absent", "{\"partitions_count\":2}"), 404, 404);

        assertThat(delete(cluster + "/topics/v3w.new").statusCode()).isEqualTo(204);
        assertThat(Await.until(Duration.ofSeconds(30), () -> fixture.get(cluster + "/topics/v3w.new").statusCode()
                == 404)).as("the deleted topic is gone").isTrue();
        error(delete(cluster + "/topics/v3w.new"), 404, 404);
    }

    @Test
    void createChecksItsBodyAndValidateOnlyCreatesNothing() throws Exception {
        HttpResponse<String> dryRun = fixture.post(cluster + "/topics", JSON,
                "{\"topic_name\":\"v3w.dry\",\"partitions_count\":2,\"validate_only\":true}");
        assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
        V3Shapes.assertResource(json(dryRun.body()), "KafkaTopic", V3Shapes.TOPIC);
        assertThat(fixture.admin.listTopics().names().get()).doesNotContain("v3w.dry");
        error(fixture.post(cluster + "/topics", JSON, "{\"partitions_count\":2}"), 400, 400);
        error(fixture.post(cluster + "/topics", JSON, "{\"topic_name\":\"x\",\"colour\":\"red\"}"), 400, 400);
        error(fixture.post(cluster + "/topics", JSON, "{\"topic_name\":\"x\",\"partitions_count\":0}"), 400, 400);
        error(fixture.post(cluster + "/topics", JSON, "{\"topic_name\":\"bad/name\"}"), 400, 40002);
        error(fixture.post(cluster + "/topics", "text/plain", "{\"topic_name\":\"x\"}"), 415, 415);
    }

    @Test
    void administrationNeedsTheAdminRight() throws Exception {
        try {
            refusedWhenAdministrationIsOff();
            heldToTheApiKeysRights();
        } finally {
            fixture.startGateway(Map.of());
        }
    }

    private static void refusedWhenAdministrationIsOff() throws Exception {
        fixture.startGateway(Map.of("pinpipe.streams.admin", "off"));
        error(fixture.post(cluster + "/topics", JSON, "{\"topic_name\":\"v3w.off\"}"), 403, 40303);
        error(patch(cluster + "/topics/v3w.stream", "{\"partitions_count\":4}"), 403, 40303);
        error(delete(cluster + "/topics/v3w.stream"), 403, 40303);
        assertThat(fixture.admin.listTopics().names().get()).contains("v3w.stream").doesNotContain("v3w.off");
    }

    private static void heldToTheApiKeysRights() {
        fixture.startGateway(Map.of("pinpipe.api.keys.enabled", "true",
                "pinpipe.api.keys", "reader, root admin topics=v3w[.].*"));
        error(fixture.post(cluster + "/topics", JSON, "{\"topic_name\":\"v3w.keyed\"}", "x-api-key", "reader"),
                403, 40303);
        error(fixture.post(cluster + "/topics", JSON, "{\"topic_name\":\"elsewhere\"}", "x-api-key", "root"),
                403, 40301);
        assertThat(fixture.post(cluster + "/topics", JSON, "{\"topic_name\":\"v3w.keyed\"}", "x-api-key", "root")
                .statusCode()).isEqualTo(201);
        assertThat(fixture.get(cluster + "/topics/v3w.keyed", "x-api-key", "reader").statusCode()).isEqualTo(200);
    }

    @Test
    void aBatchAnswersEachEntryByIdAndWritesTheGoodOnes() {
        HttpResponse<String> response = fixture.post(cluster + "/topics/v3w.batch/records:batch", JSON,
                "{\"entries\":[{\"id\":\"1\",\"value\":{\"type\":\"STRING\",\"data\":\"a\"}},"
                        + "{\"id\":\"2\",\"value\":{\"type\":\"BINARY\",\"data\":\"not base64!\"}},"
                        + "{\"id\":\"3\",\"partition_id\":9,\"value\":{\"data\":1}},"
                        + "{\"id\":\"4\",\"partition_id\":1,\"key\":{\"type\":\"JSON\",\"data\":{\"k\":1}},"
                        + "\"value\":{\"data\":[1]}}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(207);
        JsonNode body = json(response.body());
        List<String> succeeded = new ArrayList<>();
        body.path("successes").forEach(success -> {
            V3Shapes.assertFields(success, V3Shapes.BATCH_SUCCESS);
            succeeded.add(success.path("id").asText());
        });
        assertThat(succeeded).containsExactly("1", "4");
        assertThat(body.path("successes").get(1).path("partition_id").asInt()).isEqualTo(1);
        assertThat(body.path("successes").get(1).path("key").path("type").asText()).isEqualTo("JSON");
        List<String> failed = new ArrayList<>();
        body.path("failures").forEach(failure -> {
            V3Shapes.assertFields(failure, V3Shapes.BATCH_FAILURE);
            failed.add(failure.path("id").asText() + ":" + failure.path("error_code").asInt());
        });
        assertThat(failed).containsExactly("2:400", "3:40402");
        List<ConsumerRecord<byte[], byte[]>> records = fixture.readAll("v3w.batch", 2);
        assertThat(records).extracting(record -> utf8(record.value())).containsExactlyInAnyOrder("a", "[1]");
        // A regex route, which the mounted-routes check of FrontIT cannot see: the document must list it anyway.
        assertThat(json(fixture.get("/openapi.json").body()).path("paths")
                .path("/v3/clusters/{cluster_id}/topics/{topic}/records:batch").has("post")).isTrue();
    }

    @Test
    void aBatchWithoutUsableIdsOrEntriesIsRefusedWhole() {
        String path = cluster + "/topics/v3w.refused/records:batch";
        error(fixture.post(path, JSON, "{\"entries\":[{\"value\":{\"data\":1}}]}"), 400, 400);
        error(fixture.post(path, JSON, "{\"entries\":[{\"id\":\"a\"},{\"id\":\"a\"}]}"), 400, 400);
        error(fixture.post(path, JSON, "{\"entries\":[{\"id\":\"" + "x".repeat(81) + "\"}]}"), 400, 400);
        error(fixture.post(path, JSON, "[{\"id\":\"a\"}]"), 400, 400);
        error(fixture.post(path, "text/plain", "{\"entries\":[]}"), 415, 415);
        error(fixture.post(cluster + "/topics/absent/records:batch", JSON, "{\"entries\":[{\"id\":\"a\"}]}"),
                404, 404);
        error(fixture.post("/v3/clusters/nope/topics/v3w.refused/records:batch", JSON, "{\"entries\":[]}"), 404,
                404);
        assertThat(fixture.readAll("v3w.refused", 0)).isEmpty();
    }

    @Test
    void aBadRecordInAStreamGetsItsOwnErrorAndTheOthersAreWritten() {
        HttpResponse<String> response = fixture.post(cluster + "/topics/v3w.stream/records", JSON,
                "{\"value\":{\"data\":\"first\"}}{\"value\":{\"schema_id\":1,\"data\":\"x\"}}"
                        + "{\"value\":{\"data\":\"third\"}}");

        assertThat(response.statusCode()).as("the status follows the first failure").isEqualTo(400);
        List<JsonNode> reports = new ArrayList<>();
        response.body().lines().forEach(line -> reports.add(json(line)));
        assertThat(reports).extracting(report -> report.path("error_code").asInt()).containsExactly(200, 400, 200);
        assertThat(reports.get(1).path("message").asText()).contains("record 1", "Schema Registry");
        assertThat(reports.get(2).path("offset").asLong()).isEqualTo(1);
        assertThat(fixture.readAll("v3w.stream", 2)).extracting(record -> utf8(record.value()))
                .containsExactly("\"first\"", "\"third\"");
    }

    @Test
    void whatNeedsASchemaRegistryIsRefusedNeverWrittenAsJson() {
        String path = cluster + "/topics/v3w.schema/records";
        for (String record : List.of("{\"value\":{\"schema_id\":1,\"data\":\"x\"}}",
                "{\"value\":{\"schema_version\":1,\"data\":\"x\"}}",
                "{\"key\":{\"subject\":\"s\",\"data\":\"x\"}}",
                "{\"value\":{\"type\":\"AVRO\",\"data\":1}}",
                "{\"value\":{\"type\":\"PROTOBUF\",\"data\":1}}",
                "{\"value\":{\"type\":\"JSONSCHEMA\",\"schema\":\"{}\",\"data\":1}}")) {
            assertThat(error(fixture.post(path, JSON, record), 400, 400).path("message").asText())
                    .as(record).contains("Schema Registry");
        }
        error(fixture.post(path, JSON, "{\"value\":{\"data\":1,\"colour\":\"red\"}}"), 400, 400);
        assertThat(fixture.readAll("v3w.schema", 0)).isEmpty();
    }

    private static int partitions(String topic) {
        try {
            return fixture.admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> patch(String path, String body) {
        return fixture.send(HttpRequest.newBuilder(fixture.uri(path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", JSON));
    }

    private static HttpResponse<String> delete(String path) {
        return fixture.send(HttpRequest.newBuilder(fixture.uri(path)).DELETE());
    }
}
