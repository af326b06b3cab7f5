package io.pinpipe.gateway.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.http.Json;
import io.pinpipe.gateway.http.RestException;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamRequestsTest {

    private static final Json JSON = new Json(64);
    private final StreamRequests requests = new StreamRequests(JSON, 500);

    private static JsonNode parse(String json) {
        return JSON.read(Buffer.buffer(json));
    }

    @Test
    void thePartitionKeyBecomesTheKeyInUtf8() throws Exception {
        StreamRecord record = requests.putRecord(parse(
                "{\"StreamName\":\"s\",\"Data\":{\"a\":1},\"PartitionKey\":\"clé\"}"), "s");
        assertThat(record.key()).isEqualTo("clé".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void theStreamNameMayBeOmittedButMustMatchWhenGiven() throws Exception {
        assertThat(requests.putRecord(parse("{\"Data\":1,\"PartitionKey\":\"k\"}"), "s")).isNotNull();
        assertThatThrownBy(() -> requests.putRecord(parse(
                "{\"StreamName\":\"t\",\"Data\":1,\"PartitionKey\":\"k\"}"), "s"))
                .isInstanceOfSatisfying(RestException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("does not match");
    }

    @Test
    void aPartitionKeyIsRequiredAndAtMost256Characters() throws Exception {
        assertThatThrownBy(() -> requests.putRecord(parse("{\"Data\":1}"), "s"))
                .hasMessageContaining("PartitionKey is required");
        assertThatThrownBy(() -> requests.putRecord(parse("{\"Data\":1,\"PartitionKey\":\"\"}"), "s"))
                .hasMessageContaining("PartitionKey is required");
        String longKey = "k".repeat(257);
        assertThatThrownBy(() -> requests.putRecord(parse(
                "{\"Data\":1,\"PartitionKey\":\"" + longKey + "\"}"), "s")).hasMessageContaining("at most 256");
    }

    @Test
    void aBatchHoldsOneTo500RecordsAndNamesTheBadOne() throws Exception {
        assertThat(requests.putRecords(batch(500), "s")).hasSize(500);
        assertThatThrownBy(() -> requests.putRecords(batch(501), "s")).hasMessageContaining("at most 500")
                .hasMessageContaining("streams.put.records.max");
        assertThatThrownBy(() -> requests.putRecords(batch(0), "s")).hasMessageContaining("non-empty");
        ObjectNode body = batch(3);
        ((ObjectNode) body.withArray("Records").get(2)).remove("PartitionKey");
        assertThatThrownBy(() -> requests.putRecords(body, "s")).hasMessageContaining("Records[2].PartitionKey");
    }

    @Test
    void theShardCountDefaultsToOneAndIsBounded() throws Exception {
        assertThat(StreamRequests.shardCount(null, "s", 10)).isEqualTo(1);
        assertThat(StreamRequests.shardCount(parse("{}"), "s", 10)).isEqualTo(1);
        assertThat(StreamRequests.shardCount(parse("{\"ShardCount\":10}"), "s", 10)).isEqualTo(10);
        for (String bad : List.of("0", "11", "1.5", "\"2\"")) {
            assertThatThrownBy(() -> StreamRequests.shardCount(parse("{\"ShardCount\":" + bad + "}"), "s",
                    10)).as(bad).hasMessageContaining("ShardCount");
        }
    }

    private static ObjectNode batch(int size) {
        ObjectNode body = Json.object();
        ArrayNode records = body.putArray("Records");
        for (int i = 0; i < size; i++) {
            records.addObject().put("Data", i).put("PartitionKey", "k" + i);
        }
        return body;
    }
}
