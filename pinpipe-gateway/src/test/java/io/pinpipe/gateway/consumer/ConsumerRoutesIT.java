package io.pinpipe.gateway.consumer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The v2 consumer API against a real broker, with the requests a Confluent REST Proxy client sends. */
class ConsumerRoutesIT {

    private static final String JSON = "application/vnd.kafka.json.v2+json";
    private static final String BINARY = "application/vnd.kafka.binary.v2+json";

    private static ConsumerRoutes routes;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        routes = new ConsumerRoutes(ConsumerSettings.defaults().withMaxInstances(20));
        gateway = TestGateway.start(routes);
    }

    @AfterAll
    static void stop() {
        routes.close();
        gateway.close();
    }

    @Test
    void jsonConsumerSubscribesReadsCommitsAndRereadsFromTheBeginning() {
        String topic = unique("orders");
        gateway.createTopic(topic, 1);
        for (int i = 0; i < 3; i++) {
            gateway.produce(topic, 0, bytes("{\"id\":" + i + "}"), bytes("{\"n\":" + i + ",\"price\":1.10}"));
        }

        HttpResponse<String> created = gateway.send("POST", "/consumers/g1", "{\"name\":\"c1\",\"format\":\"json\","
                + "\"auto.offset.reset\":\"earliest\",\"auto.commit.enable\":\"false\"}");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Content-Type")).contains("application/vnd.kafka.v2+json");
        JsonObject instance = new JsonObject(created.body());
        assertThat(instance.getString("instance_id")).isEqualTo("c1");
        assertThat(instance.getString("base_uri")).isEqualTo(gateway.uri("/consumers/g1/instances/c1").toString());

        String base = "/consumers/g1/instances/c1";
        assertThat(gateway.send("POST", base + "/subscription", "{\"topics\":[\"" + topic + "\"]}").statusCode())
                .isEqualTo(204);
        assertThat(new JsonObject(gateway.send("GET", base + "/subscription", null).body()).getJsonArray("topics"))
                .containsExactly(topic);

        StringBuilder raw = new StringBuilder();
        JsonArray records = readUntil(base, JSON, 3, raw);
        assertThat(records).hasSize(3);
        JsonObject first = records.getJsonObject(0);
        assertThat(first.fieldNames()).containsExactly("topic", "key", "value", "partition", "offset");
        assertThat(first.getString("topic")).isEqualTo(topic);
        assertThat(first.getJsonObject("key")).isEqualTo(new JsonObject().put("id", 0));
        assertThat(first.getJsonObject("value").getInteger("n")).isZero();
        assertThat(records.getJsonObject(2).getLong("offset")).isEqualTo(2L);
        assertThat(raw.toString()).contains("\"value\":{\"n\":1,\"price\":1.10}");

        HttpResponse<String> commit = gateway.send("POST", base + "/offsets", null);
        assertThat(commit.statusCode()).isEqualTo(200);
        HttpResponse<String> committed = gateway.send("GET", base + "/offsets",
                "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}");
        assertThat(committed.statusCode()).isEqualTo(200);
        JsonObject offset = new JsonObject(committed.body()).getJsonArray("offsets").getJsonObject(0);
        assertThat(offset.getString("topic")).isEqualTo(topic);
        assertThat(offset.getLong("offset")).isEqualTo(3L);

        HttpResponse<String> rewind = gateway.send("POST", base + "/positions/beginning",
                "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}");
        assertThat(rewind.statusCode()).isEqualTo(204);
        JsonArray again = readUntil(base, JSON, 3);
        assertThat(again).hasSize(3);
        assertThat(again.getJsonObject(0).getLong("offset")).isZero();

        assertThat(gateway.send("DELETE", base, null).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = gateway.send("GET", base + "/records", Map.of("Accept", JSON), null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(gone.body()).getInteger("error_code")).isEqualTo(40403);
    }

    @Test
    void binaryConsumerHandsOutBase64AndCommitsGivenOffsets() {
        String topic = unique("bytes");
        gateway.createTopic(topic, 2);
        byte[] raw = {0, 1, 2, (byte) 0xff};
        gateway.produce(topic, 1, null, raw);
        gateway.produce(topic, 1, bytes("k"), bytes("second"));

        String instanceId = new JsonObject(gateway.send("POST", "/consumers/g2", "{\"format\":\"binary\"}").body())
                .getString("instance_id");
        assertThat(instanceId).startsWith("rest-consumer-");
        String base = "/consumers/g2/instances/" + instanceId;
        assertThat(gateway.send("POST", base + "/assignments",
                "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":1}]}").statusCode()).isEqualTo(204);
        assertThat(new JsonObject(gateway.send("GET", base + "/assignments", null).body()).getJsonArray("partitions"))
                .containsExactly(new JsonObject().put("topic", topic).put("partition", 1));
        assertThat(gateway.send("POST", base + "/positions",
                "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":1,\"offset\":0}]}").statusCode())
                .isEqualTo(204);

        JsonArray records = readUntil(base, BINARY, 2);
        assertThat(records.getJsonObject(0).getValue("key")).isNull();
        assertThat(Base64.getDecoder().decode(records.getJsonObject(0).getString("value"))).isEqualTo(raw);
        assertThat(records.getJsonObject(1).getString("key")).isEqualTo(b64("k"));
        assertThat(records.getJsonObject(1).getInteger("partition")).isEqualTo(1);

        assertThat(gateway.send("POST", base + "/offsets",
                "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":1,\"offset\":0}]}").statusCode())
                .isEqualTo(200);
        JsonObject committed = new JsonObject(gateway.send("GET", base + "/offsets",
                "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":1}]}").body());
        // Like Confluent's proxy, a committed offset names the last record processed: Kafka stores the next one.
        assertThat(committed.getJsonArray("offsets").getJsonObject(0).getLong("offset")).isEqualTo(1L);

        assertThat(gateway.send("POST", base + "/positions",
                "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":1,\"offset\":1}]}").statusCode())
                .isEqualTo(204);
        JsonArray fromOne = readUntil(base, BINARY, 1);
        assertThat(fromOne.getJsonObject(0).getLong("offset")).isEqualTo(1L);
        gateway.send("DELETE", base, null);
    }

    @Test
    void aPatternSubscriptionReadsEveryMatchingTopicUntilUnsubscribed() {
        String prefix = unique("pat");
        gateway.createTopic(prefix + "-a", 1);
        gateway.createTopic(prefix + "-b", 1);
        gateway.produce(prefix + "-a", 0, null, bytes("\"from a\""));
        gateway.produce(prefix + "-b", 0, null, bytes("\"from b\""));
        assertThat(gateway.send("POST", "/consumers/gp", "{\"name\":\"p\",\"format\":\"json\","
                + "\"auto.offset.reset\":\"earliest\"}").statusCode()).isEqualTo(200);
        String base = "/consumers/gp/instances/p";
        assertThat(gateway.send("POST", base + "/subscription", "{\"topic_pattern\":\"" + prefix + "-.*\"}")
                .statusCode()).isEqualTo(204);

        JsonArray records = readUntil(base, JSON, 2);
        assertThat(records.stream().map(record -> ((JsonObject) record).getString("value")))
                .containsExactlyInAnyOrder("from a", "from b");
        assertThat(new JsonObject(gateway.send("GET", base + "/subscription", null).body()).getJsonArray("topics"))
                .containsExactlyInAnyOrder(prefix + "-a", prefix + "-b");

        assertThat(gateway.send("DELETE", base + "/subscription", null).statusCode()).isEqualTo(204);
        assertThat(new JsonObject(gateway.send("GET", base + "/subscription", null).body()).getJsonArray("topics"))
                .isEmpty();
        gateway.send("DELETE", base, null);
    }

    @Test
    void aByteLimitSplitsReadsWithoutLosingRecords() {
        String topic = unique("sized");
        gateway.createTopic(topic, 1);
        for (int i = 0; i < 5; i++) {
            gateway.produce(topic, 0, null, bytes("x".repeat(99) + i));
        }
        String base = createAssigned("g3", "small", "binary", topic);

        int total = 0;
        long expectedOffset = 0;
        for (int attempt = 0; attempt < 20 && total < 5; attempt++) {
            JsonArray page = new JsonArray(gateway.send("GET", base + "/records?max_bytes=250&timeout=500",
                    Map.of("Accept", BINARY), null).body());
            assertThat(page.size()).isLessThanOrEqualTo(2);
            for (int i = 0; i < page.size(); i++) {
                assertThat(page.getJsonObject(i).getLong("offset")).isEqualTo(expectedOffset++);
            }
            total += page.size();
        }
        assertThat(total).isEqualTo(5);
        gateway.send("DELETE", base, null);
    }

    @Test
    void acceptThatDoesNotMatchTheInstanceFormatAnswers406() {
        String topic = unique("fmt");
        gateway.createTopic(topic, 1);
        String base = createAssigned("g4", "jsonish", "json", topic);
        HttpResponse<String> response = gateway.send("GET", base + "/records", Map.of("Accept", BINARY), null);
        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(new JsonObject(response.body()).getInteger("error_code")).isEqualTo(40601);
        HttpResponse<String> avro = gateway.send("GET", base + "/records",
                Map.of("Accept", "application/vnd.kafka.avro.v2+json"), null);
        assertThat(avro.statusCode()).isEqualTo(406);
        gateway.send("DELETE", base, null);
    }

    @Test
    void jsonConsumerNamesARecordThatIsNotJsonAndKeepsIt() {
        String topic = unique("notjson");
        gateway.createTopic(topic, 1);
        gateway.produce(topic, 0, null, bytes("{\"ok\":true}"));
        gateway.produce(topic, 0, null, bytes("not json"));
        String base = createAssigned("g5", "strict", "json", topic);

        JsonArray good = readUntil(base, JSON, 1);
        assertThat(good.getJsonObject(0).getJsonObject("value").getBoolean("ok")).isTrue();
        HttpResponse<String> bad = gateway.send("GET", base + "/records?timeout=500", Map.of("Accept", JSON), null);
        assertThat(bad.statusCode()).isEqualTo(500);
        assertThat(new JsonObject(bad.body()).getString("message")).contains(topic + "/0@1");
        gateway.send("DELETE", base, null);
    }

    @Test
    void unknownInstanceAnswers40403() {
        for (String[] call : new String[][] {{"GET", "/records"}, {"POST", "/subscription"}, {"DELETE", ""},
                {"GET", "/assignments"}, {"POST", "/offsets"}}) {
            HttpResponse<String> response = gateway.send(call[0], "/consumers/nobody/instances/ghost" + call[1],
                    call[0].equals("POST") && call[1].equals("/subscription") ? "{\"topics\":[\"t\"]}" : null);
            assertThat(response.statusCode()).as(call[0] + " " + call[1]).isEqualTo(404);
            assertThat(new JsonObject(response.body()).getInteger("error_code")).isEqualTo(40403);
        }
    }

    @Test
    void aNameTakenInTheGroupAnswers40902() {
        assertThat(gateway.send("POST", "/consumers/g6", "{\"name\":\"twin\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> again = gateway.send("POST", "/consumers/g6", "{\"name\":\"twin\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(again.body()).getInteger("error_code")).isEqualTo(40902);
        assertThat(gateway.send("POST", "/consumers/other-group", "{\"name\":\"twin\"}").statusCode())
                .isEqualTo(200);
        gateway.send("DELETE", "/consumers/g6/instances/twin", null);
        gateway.send("DELETE", "/consumers/other-group/instances/twin", null);
    }

    @Test
    void invalidConsumerSettingsAnswer422() {
        HttpResponse<String> reset = gateway.send("POST", "/consumers/g7", "{\"auto.offset.reset\":\"sometimes\"}");
        assertThat(reset.statusCode()).isEqualTo(422);
        assertThat(new JsonObject(reset.body()).getInteger("error_code")).isEqualTo(42204);
        HttpResponse<String> avro = gateway.send("POST", "/consumers/g7", "{\"format\":\"avro\"}");
        assertThat(avro.statusCode()).isEqualTo(422);
        HttpResponse<String> notJson = gateway.send("POST", "/consumers/g7", "{\"format\":");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(routes.instanceCount()).isZero();
    }

    @Test
    void subscribingWhileAssignedAnswers40903() {
        String topic = unique("both");
        gateway.createTopic(topic, 1);
        String base = createAssigned("g8", "assigned", "binary", topic);
        HttpResponse<String> response = gateway.send("POST", base + "/subscription",
                "{\"topics\":[\"" + topic + "\"]}");
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(new JsonObject(response.body()).getInteger("error_code")).isEqualTo(40903);
        gateway.send("DELETE", base, null);
    }

    @Test
    void committingGivenOffsetsBeforeTheFirstReadAnswers40903() {
        String topic = unique("early");
        gateway.createTopic(topic, 1);
        assertThat(gateway.send("POST", "/consumers/g9", "{\"name\":\"early\"}").statusCode()).isEqualTo(200);
        String base = "/consumers/g9/instances/early";
        assertThat(gateway.send("POST", base + "/subscription", "{\"topics\":[\"" + topic + "\"]}").statusCode())
                .isEqualTo(204);
        HttpResponse<String> response = gateway.send("POST", base + "/offsets",
                "{\"offsets\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":0}]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(new JsonObject(response.body()).getInteger("error_code")).isEqualTo(40903);
        assertThat(new JsonObject(response.body()).getString("message")).contains("read records");
        gateway.send("DELETE", base, null);
    }

    @Test
    void offsetsOfAMissingTopicOrPartitionAnswer404AtOnce() {
        String topic = unique("present");
        gateway.createTopic(topic, 1);
        String base = createAssigned("g10", "missing", "binary", topic);
        HttpResponse<String> commit = gateway.send("POST", base + "/offsets",
                "{\"offsets\":[{\"topic\":\"no-such-topic\",\"partition\":0,\"offset\":0}]}");
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(404);
        assertThat(new JsonObject(commit.body()).getInteger("error_code")).isEqualTo(40401);
        HttpResponse<String> committed = gateway.send("GET", base + "/offsets",
                "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":7}]}");
        assertThat(committed.statusCode()).as(committed.body()).isEqualTo(404);
        assertThat(new JsonObject(committed.body()).getInteger("error_code")).isEqualTo(40402);
        gateway.send("DELETE", base, null);
    }

    @Test
    void baseUriKeepsTheStagePrefixAndTheForwardedHost() {
        HttpResponse<String> created = gateway.send("POST", "/test/consumers/g9",
                Map.of("Content-Type", "application/vnd.kafka.v2+json", "X-Forwarded-Proto", "https",
                        "X-Forwarded-Host", "abc123.execute-api.us-east-1.amazonaws.com"), "{\"name\":\"staged\"}");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(created.body()).getString("base_uri"))
                .isEqualTo("https://abc123.execute-api.us-east-1.amazonaws.com/test/consumers/g9/instances/staged");
        assertThat(gateway.send("DELETE", "/test/consumers/g9/instances/staged", null).statusCode()).isEqualTo(204);
    }

    private String createAssigned(String group, String name, String format, String topic) {
        HttpResponse<String> created = gateway.send("POST", "/consumers/" + group,
                "{\"name\":\"" + name + "\",\"format\":\"" + format + "\"}");
        assertThat(created.statusCode()).isEqualTo(200);
        String base = "/consumers/" + group + "/instances/" + name;
        assertThat(gateway.send("POST", base + "/assignments",
                "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}").statusCode()).isEqualTo(204);
        assertThat(gateway.send("POST", base + "/positions/beginning",
                "{\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0}]}").statusCode()).isEqualTo(204);
        return base;
    }

    /** Polls as a REST Proxy client does until {@code count} records arrived (or 30 s passed). */
    private static JsonArray readUntil(String base, String accept, int count) {
        return readUntil(base, accept, count, new StringBuilder());
    }

    private static JsonArray readUntil(String base, String accept, int count, StringBuilder rawBodies) {
        JsonArray all = new JsonArray();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (all.size() < count && System.nanoTime() < deadline) {
            HttpResponse<String> response = gateway.send("GET", base + "/records?timeout=1000",
                    Map.of("Accept", accept), null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains(accept);
            rawBodies.append(response.body());
            new JsonArray(response.body()).forEach(all::add);
        }
        return all;
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(bytes(text));
    }
}
