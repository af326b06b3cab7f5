package io.pinpipe.gateway.v3;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.gateway.http.Json;
import io.pinpipe.gateway.http.RestException;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** v3 records are checked one by one; schema formats and schema fields are refused, never taken as JSON. */
class V3RecordsTest {

    private static final Json JSON = new Json(64);

    @Test
    void anInvalidRecordIsRefusedAloneAndTheOthersParse() {
        List<V3Records.Attempt> attempts = V3Records.parse(JSON.readAll(Buffer.buffer(
                "{\"value\":{\"data\":1}}{\"value\":{\"type\":\"BINARY\",\"data\":\"%%\"}}{\"key\":{\"data\":\"k\"}}")),
                JSON);
        assertThat(attempts).extracting(attempt -> attempt.record() != null).containsExactly(true, false, true);
        assertThat(attempts.get(1).invalid().getMessage()).startsWith("record 1:").contains("base64");
    }

    @Test
    void whatNeedsASchemaRegistryIsRefusedByName() {
        for (String field : List.of("schema_id", "schema_version", "schema", "subject", "subject_name_strategy")) {
            RestException refusal = only("{\"value\":{\"" + field + "\":1,\"data\":\"x\"}}").invalid();
            assertThat(refusal.status()).isEqualTo(400);
            assertThat(refusal.getMessage()).contains("value." + field, "Schema Registry");
        }
        for (String type : List.of("AVRO", "jsonschema", "Protobuf")) {
            assertThat(only("{\"key\":{\"type\":\"" + type + "\",\"data\":1}}").invalid().getMessage())
                    .contains("key.type", "Schema Registry");
        }
        assertThat(only("{\"value\":{\"data\":1,\"colour\":2}}").invalid().getMessage())
                .contains("unrecognized field 'value.colour'");
    }

    @Test
    void batchEntriesCarryTheirIdsAndNeedUniqueOnes() {
        List<V3Records.Attempt> attempts = V3Records.parseBatch(JSON.read(Buffer.buffer(
                "{\"entries\":[{\"id\":\"a\",\"value\":{\"data\":1}},{\"id\":\"b\",\"colour\":1}]}")), JSON);
        assertThat(attempts).extracting(V3Records.Attempt::id).containsExactly("a", "b");
        assertThat(attempts.get(1).invalid().getMessage()).contains("unrecognized field 'colour'");
        assertThatThrownBy(() -> batch("{\"entries\":[{\"id\":\"a\"},{\"id\":\"a\"}]}"))
                .hasMessageContaining("used by an earlier entry");
        assertThatThrownBy(() -> batch("{\"entries\":[{\"id\":1}]}")).hasMessageContaining("\"id\" must be");
        assertThatThrownBy(() -> batch("{\"entries\":[],\"more\":1}")).hasMessageContaining("nothing else");
        assertThatThrownBy(() -> batch("{\"records\":[]}")).hasMessageContaining("\"entries\"");
    }

    private static V3Records.Attempt only(String record) {
        List<V3Records.Attempt> attempts = V3Records.parse(JSON.readAll(Buffer.buffer(record)), JSON);
        assertThat(attempts).hasSize(1);
        return attempts.get(0);
    }

    private static List<V3Records.Attempt> batch(String body) {
        JsonNode node = JSON.read(Buffer.buffer(body));
        return V3Records.parseBatch(node, JSON);
    }
}
