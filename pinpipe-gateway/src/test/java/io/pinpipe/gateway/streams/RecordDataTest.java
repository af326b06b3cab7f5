package io.pinpipe.gateway.streams;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pinpipe.gateway.http.RestException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordDataTest {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    @Test
    void aJsonObjectIsStoredAsItsCompactJsonText() throws Exception {
        JsonNode data = MAPPER.readTree("{ \"index\" : 1, \"tags\" : [\"a\", \"b\"], \"price\": 1.10 }");
        assertThat(new String(RecordData.bytes(data, "Data", MAPPER), StandardCharsets.UTF_8))
                .isEqualTo("{\"index\":1,\"tags\":[\"a\",\"b\"],\"price\":1.10}");
    }

    @Test
    void numbersBooleansAndArraysAreStoredAsJsonToo() throws Exception {
        assertThat(RecordData.bytes(MAPPER.readTree("42"), "Data", MAPPER)).isEqualTo(utf8("42"));
        assertThat(RecordData.bytes(MAPPER.readTree("true"), "Data", MAPPER)).isEqualTo(utf8("true"));
        assertThat(RecordData.bytes(MAPPER.readTree("[1, 2]"), "Data", MAPPER)).isEqualTo(utf8("[1,2]"));
    }

    @Test
    void aJsonStringIsBase64AsInKinesis() throws Exception {
        byte[] raw = {1, 2, (byte) 0xff};
        JsonNode data = MAPPER.readTree("\"" + Base64.getEncoder().encodeToString(raw) + "\"");
        assertThat(RecordData.bytes(data, "Data", MAPPER)).isEqualTo(raw);
    }

    @Test
    void aStringThatIsNotBase64IsRefusedNamingTheField() throws Exception {
        JsonNode data = MAPPER.readTree("\"{not base64}\"");
        assertThatThrownBy(() -> RecordData.bytes(data, "Records[4].Data", MAPPER))
                .isInstanceOfSatisfying(RestException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("Records[4].Data").hasMessageContaining("base64");
    }

    @Test
    void missingOrNullDataIsRefused() throws Exception {
        assertThatThrownBy(() -> RecordData.bytes(null, "Data", MAPPER)).hasMessageContaining("Data is required");
        assertThatThrownBy(() -> RecordData.bytes(MAPPER.readTree("null"), "Data", MAPPER))
                .hasMessageContaining("Data is required");
    }

    @Test
    void dataLargerThanOneMebibyteIsRefused() {
        JsonNode data = MAPPER.getNodeFactory().textNode(Base64.getEncoder()
                .encodeToString(new byte[RecordData.MAX_BYTES + 1]));
        assertThatThrownBy(() -> RecordData.bytes(data, "Data", MAPPER)).hasMessageContaining("at most 1048576");
        JsonNode limit = MAPPER.getNodeFactory().textNode(Base64.getEncoder()
                .encodeToString(new byte[RecordData.MAX_BYTES]));
        assertThat(RecordData.bytes(limit, "Data", MAPPER)).hasSize(RecordData.MAX_BYTES);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
