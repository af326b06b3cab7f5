package io.pinpipe.gateway.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.pinpipe.gateway.http.Json;
import io.pinpipe.gateway.http.RestException;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordDataTest {

    private static final Json JSON = new Json(64);

    private static JsonNode parse(String json) {
        return JSON.read(Buffer.buffer(json));
    }

    @Test
    void aJsonObjectIsStoredAsItsCompactJsonText() throws Exception {
        JsonNode data = parse("{ \"index\" : 1, \"tags\" : [\"a\", \"b\"], \"price\": 1.10 }");
        assertThat(new String(RecordData.bytes(data, "Data", JSON), StandardCharsets.UTF_8))
                .isEqualTo("{\"index\":1,\"tags\":[\"a\",\"b\"],\"price\":1.10}");
    }

    @Test
    void numbersBooleansAndArraysAreStoredAsJsonToo() throws Exception {
        assertThat(RecordData.bytes(parse("42"), "Data", JSON)).isEqualTo(utf8("42"));
        assertThat(RecordData.bytes(parse("true"), "Data", JSON)).isEqualTo(utf8("true"));
        assertThat(RecordData.bytes(parse("[1, 2]"), "Data", JSON)).isEqualTo(utf8("[1,2]"));
    }

    @Test
    void aJsonStringIsBase64AsInKinesis() throws Exception {
        byte[] raw = {1, 2, (byte) 0xff};
        JsonNode data = parse("\"" + Base64.getEncoder().encodeToString(raw) + "\"");
        assertThat(RecordData.bytes(data, "Data", JSON)).isEqualTo(raw);
    }

    @Test
    void aStringThatIsNotBase64IsRefusedNamingTheField() throws Exception {
        JsonNode data = parse("\"{not base64}\"");
        assertThatThrownBy(() -> RecordData.bytes(data, "Records[4].Data", JSON))
                .isInstanceOfSatisfying(RestException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("Records[4].Data").hasMessageContaining("base64");
    }

    @Test
    void missingOrNullDataIsRefused() throws Exception {
        assertThatThrownBy(() -> RecordData.bytes(null, "Data", JSON)).hasMessageContaining("Data is required");
        assertThatThrownBy(() -> RecordData.bytes(parse("null"), "Data", JSON))
                .hasMessageContaining("Data is required");
    }

    @Test
    void dataLargerThanOneMebibyteIsRefused() {
        JsonNode data = TextNode.valueOf(Base64.getEncoder()
                .encodeToString(new byte[RecordData.MAX_BYTES + 1]));
        assertThatThrownBy(() -> RecordData.bytes(data, "Data", JSON)).hasMessageContaining("at most 1048576");
        JsonNode limit = TextNode.valueOf(Base64.getEncoder()
                .encodeToString(new byte[RecordData.MAX_BYTES]));
        assertThat(RecordData.bytes(limit, "Data", JSON)).hasSize(RecordData.MAX_BYTES);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
