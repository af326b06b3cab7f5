package io.pinpipe.gateway.streams;

import io.pinpipe.gateway.consumer.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The streams API against a real broker: every write is read back with a plain Kafka consumer. */
class StreamsRoutesIT {

    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start(new StreamsRoutes(StreamsSettings.defaults()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aStreamIsCreatedDescribedListedAndDeleted() throws Exception {
        String stream = unique();
        HttpResponse<String> created = put("POST", "/streams/" + stream, "{\"ShardCount\":3}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(new JsonObject(created.body())).isEqualTo(new JsonObject());

        JsonObject description = new JsonObject(gateway.send("GET", "/streams/" + stream, null).body())
                .getJsonObject("StreamDescription");
        assertThat(description.getString("StreamName")).isEqualTo(stream);
        assertThat(description.getString("StreamStatus")).isEqualTo("ACTIVE");
        assertThat(description.getBoolean("HasMoreShards")).isFalse();
        assertThat(description.getJsonArray("Shards").stream().map(shard -> ((JsonObject) shard).getString("ShardId")))
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(description.getLong("RetentionPeriodHours")).isEqualTo(168L);

        String batchTopic = "batch-" + UUID.randomUUID().toString().substring(0, 8) + ".pin";
        gateway.createTopic(batchTopic, 1);
        JsonObject list = new JsonObject(gateway.send("GET", "/streams", null).body());
        assertThat(list.getJsonArray("StreamNames")).contains(stream).doesNotContain(batchTopic);
        assertThat(list.getBoolean("HasMoreStreams")).isFalse();

        assertThat(put("POST", "/streams/" + stream, null).statusCode()).isEqualTo(409);

        assertThat(gateway.send("DELETE", "/streams/" + stream, null).statusCode()).isEqualTo(200);
        assertThat(gateway.admin().listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain(stream);
    }

    @Test
    void topicsOutsideThePatternAreNotStreams() throws Exception {
        String batchTopic = "batch-" + UUID.randomUUID().toString().substring(0, 8) + ".pin";
        gateway.createTopic(batchTopic, 1);
        HttpResponse<String> delete = gateway.send("DELETE", "/streams/" + batchTopic, null);
        assertThat(delete.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(delete.body()).getString("message")).startsWith("ResourceNotFoundException");
        assertThat(gateway.admin().listTopics().names().get(10, TimeUnit.SECONDS)).contains(batchTopic);
        assertThat(put("PUT", "/streams/" + batchTopic + "/record", "{\"Data\":{},\"PartitionKey\":\"k\"}")
                .statusCode()).isEqualTo(404);
        HttpResponse<String> create = put("POST", "/streams/plain-topic", null);
        assertThat(create.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(create.body()).getString("message")).contains("streams.topic.pattern");
    }

    @Test
    void putRecordStoresJsonDataAsItsJsonTextKeyedByThePartitionKey() {
        String stream = created(1);
        String data = "{\"index\":7528,\"title\":\"Tiny \\u00e9 house\",\"follower_count\":\"12k\",\"price\":1.10}";
        HttpResponse<String> response = put("PUT", "/streams/" + stream + "/record",
                "{\"StreamName\":\"" + stream + "\",\"Data\":" + data + ",\"PartitionKey\":\"partition-1\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("SequenceNumber")).isEqualTo("0");
        assertThat(body.getString("ShardId")).isEqualTo("shardId-000000000000");

        ConsumerRecord<byte[], byte[]> record = gateway.readAll(stream, 1).get(0);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("partition-1");
        assertThat(new String(record.value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"index\":7528,\"title\":\"Tiny é house\",\"follower_count\":\"12k\",\"price\":1.10}");
    }

    @Test
    void putRecordDecodesStringDataAsBase64() {
        String stream = created(1);
        byte[] bytes = {(byte) 0xde, (byte) 0xad, 0, (byte) 0xbe, (byte) 0xef};
        HttpResponse<String> response = put("PUT", "/streams/" + stream + "/record", "{\"Data\":\""
                + Base64.getEncoder().encodeToString(bytes) + "\",\"PartitionKey\":\"k\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(gateway.readAll(stream, 1).get(0).value()).isEqualTo(bytes);
    }

    @Test
    void invalidBase64AnswersA400AndWritesNothing() throws Exception {
        String stream = created(1);
        HttpResponse<String> response = put("PUT", "/streams/" + stream + "/record",
                "{\"Data\":\"not base64!\",\"PartitionKey\":\"k\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("message")).contains("base64");
        assertThat(endOffset(stream, 0)).isZero();
    }

    @Test
    void putRecordsStoresEveryRecordInOrder() {
        String stream = created(2);
        JsonArray records = new JsonArray();
        for (int i = 0; i < 10; i++) {
            records.add(new JsonObject().put("Data", new JsonObject().put("n", i)).put("PartitionKey", "same-key"));
        }
        HttpResponse<String> response = put("PUT", "/streams/" + stream + "/records",
                new JsonObject().put("StreamName", stream).put("Records", records).encode());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getInteger("FailedRecordCount")).isZero();
        JsonArray results = body.getJsonArray("Records");
        assertThat(results).hasSize(10);
        String shard = results.getJsonObject(0).getString("ShardId");
        for (int i = 0; i < 10; i++) {
            assertThat(results.getJsonObject(i).getString("SequenceNumber")).isEqualTo(String.valueOf(i));
            assertThat(results.getJsonObject(i).getString("ShardId")).isEqualTo(shard);
        }
        assertThat(gateway.metrics().counter("pinpipe.gateway.streams.records", "outcome", "stored").count())
                .isGreaterThanOrEqualTo(10);
        List<ConsumerRecord<byte[], byte[]>> stored = gateway.readAll(stream, 10);
        assertThat(stored).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}",
                        "{\"n\":6}", "{\"n\":7}", "{\"n\":8}", "{\"n\":9}");
    }

    @Test
    void aBatchOfMoreThan500RecordsAnswers400AndWritesNothing() throws Exception {
        String stream = created(1);
        JsonArray records = new JsonArray();
        for (int i = 0; i < 501; i++) {
            records.add(new JsonObject().put("Data", i).put("PartitionKey", "k"));
        }
        HttpResponse<String> response = put("PUT", "/streams/" + stream + "/records",
                new JsonObject().put("Records", records).encode());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("message")).contains("500");
        assertThat(endOffset(stream, 0)).isZero();
    }

    @Test
    void aRecordTheProducerRefusesFailsAloneAndTheRequestIsNot200() {
        String stream = created(1);
        // Within Kinesis' 1 MiB, but with Kafka's record overhead larger than the producer's max.request.size.
        String tooBig = Base64.getEncoder().encodeToString(new byte[RecordData.MAX_BYTES]);
        JsonArray records = new JsonArray()
                .add(new JsonObject().put("Data", new JsonObject().put("n", 1)).put("PartitionKey", "a"))
                .add(new JsonObject().put("Data", tooBig).put("PartitionKey", "a"))
                .add(new JsonObject().put("Data", new JsonObject().put("n", 3)).put("PartitionKey", "a"));
        HttpResponse<String> response = put("PUT", "/streams/" + stream + "/records",
                new JsonObject().put("Records", records).encode());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getInteger("FailedRecordCount")).isEqualTo(1);
        JsonObject failed = body.getJsonArray("Records").getJsonObject(1);
        assertThat(failed.getString("ErrorCode")).isEqualTo("InternalFailure");
        assertThat(failed.getString("ErrorMessage")).isNotBlank();
        assertThat(failed.containsKey("SequenceNumber")).isFalse();
        assertThat(gateway.metrics().counter("pinpipe.gateway.streams.records", "outcome", "failed").count())
                .isEqualTo(1);
        assertThat(body.getJsonArray("Records").getJsonObject(0).getString("SequenceNumber")).isEqualTo("0");
        assertThat(body.getJsonArray("Records").getJsonObject(2).getString("SequenceNumber")).isEqualTo("1");
        assertThat(gateway.readAll(stream, 2)).extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactly("{\"n\":1}", "{\"n\":3}");
    }

    @Test
    void anUnknownStreamAnswers404WithoutWaitingForTheProducer() {
        long started = System.nanoTime();
        HttpResponse<String> response = put("PUT", "/streams/streaming-nobody-pin/record",
                "{\"Data\":{\"a\":1},\"PartitionKey\":\"k\"}");
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(response.statusCode()).isEqualTo(404);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getInteger("error_code")).isEqualTo(40401);
        assertThat(body.getString("message")).isEqualTo("ResourceNotFoundException: Stream streaming-nobody-pin"
                + " not found");
        // The test producer's max.block.ms is 10 s: a send to the missing topic would have stalled that long.
        assertThat(elapsedMs).isLessThan(5_000);
        assertThat(gateway.send("GET", "/streams/streaming-nobody-pin", null).statusCode()).isEqualTo(404);
        assertThat(gateway.send("DELETE", "/streams/streaming-nobody-pin", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aStreamNameInTheBodyThatDiffersFromThePathAnswers400() throws Exception {
        String stream = created(1);
        HttpResponse<String> single = put("PUT", "/streams/" + stream + "/record",
                "{\"StreamName\":\"streaming-other\",\"Data\":{},\"PartitionKey\":\"k\"}");
        assertThat(single.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(single.body()).getString("message")).contains("streaming-other");
        HttpResponse<String> batch = put("PUT", "/streams/" + stream + "/records",
                "{\"StreamName\":\"streaming-other\",\"Records\":[{\"Data\":{},\"PartitionKey\":\"k\"}]}");
        assertThat(batch.statusCode()).isEqualTo(400);
        assertThat(endOffset(stream, 0)).isZero();
    }

    @Test
    void theStagePrefixServesTheSameApi() {
        String stream = created(1);
        HttpResponse<String> response = put("PUT", "/test/streams/" + stream + "/record",
                "{\"Data\":{\"staged\":true},\"PartitionKey\":\"k\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(new String(gateway.readAll(stream, 1).get(0).value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"staged\":true}");
    }

    private static String created(int shards) {
        String stream = unique();
        HttpResponse<String> response = put("POST", "/streams/" + stream, "{\"ShardCount\":" + shards + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return stream;
    }

    private static long endOffset(String stream, int partition) throws Exception {
        TopicPartition tp = new TopicPartition(stream, partition);
        return gateway.admin().listOffsets(Map.of(tp, OffsetSpec.latest())).all()
                .get(10, TimeUnit.SECONDS).get(tp).offset();
    }

    private static HttpResponse<String> put(String method, String path, String body) {
        return gateway.send(method, path, body == null ? Map.of() : Map.of("Content-Type", "application/json"), body);
    }

    private static String unique() {
        return "streaming-" + UUID.randomUUID().toString().substring(0, 8) + "-pin";
    }
}
