package io.pinpipe.connect.format;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonLinesTest {

    @Test
    void bytesAreWrittenExactlyAsProduced() {
        byte[] value = "{ \"b\":1.50, \"a\":\"caf\u00e9\" ,\"n\":1e3}".getBytes(StandardCharsets.UTF_8);

        assertThat(JsonLines.line(record(value))).isSameAs(value);
    }

    @Test
    void stringsAreWrittenAsTheirUtf8Bytes() {
        assertThat(new String(JsonLines.line(record("{\"z\":1,\"a\":2}")), StandardCharsets.UTF_8))
                .isEqualTo("{\"z\":1,\"a\":2}");
    }

    @Test
    void aValueOverSeveralLinesBecomesOneLineKeepingOrderAndNumbers() {
        byte[] value = "{\n  \"z\": 1.50,\n  \"a\": 12345678901234567890\n}".getBytes(StandardCharsets.UTF_8);

        assertThat(new String(JsonLines.line(record(value)), StandardCharsets.UTF_8))
                .isEqualTo("{\"z\":1.50,\"a\":12345678901234567890}");
    }

    @Test
    void anyRawLineBreakOutsideStringsIsRemovedSoEachValueStaysOneLine() {
        for (String value : new String[] {"{\"a\":1}\n", "{\"a\":1}\r", "\r\n{\"a\":1}", "{\"a\":\r1}"}) {
            assertThat(new String(JsonLines.line(record(value.getBytes(StandardCharsets.UTF_8))),
                    StandardCharsets.UTF_8)).as("%s", value.replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo("{\"a\":1}");
        }
    }

    @Test
    void aLineBreakInsideAStringIsNotJson() {
        assertThatThrownBy(() -> JsonLines.line(record("{\"a\":\"x\ny\"}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(BadRecordException.class);
    }

    @Test
    void mapsFromJsonConverterAreWrittenAsJson() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("index", 7L);
        value.put("title", "t");

        assertThat(new String(JsonLines.line(record(value)), StandardCharsets.UTF_8))
                .isEqualTo("{\"index\":7,\"title\":\"t\"}");
    }

    @Test
    void structsKeepTheirSchemaFieldOrder() {
        Schema schema = SchemaBuilder.struct().field("z", Schema.INT32_SCHEMA).field("a", Schema.STRING_SCHEMA).build();
        Struct struct = new Struct(schema).put("z", 1).put("a", "x");

        assertThat(new String(JsonLines.line(record(struct)), StandardCharsets.UTF_8)).isEqualTo("{\"z\":1,\"a\":\"x\"}");
    }

    @Test
    void nonJsonIsABadRecord() {
        assertThatThrownBy(() -> JsonLines.line(record("hello".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(BadRecordException.class).hasMessageContaining("not JSON");
    }

    @Test
    void twoJsonValuesInOneRecordAreABadRecord() {
        assertThatThrownBy(() -> JsonLines.line(record("{} {}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(BadRecordException.class).hasMessageContaining("more than one");
    }

    @Test
    void tombstoneIsABadRecord() {
        assertThatThrownBy(() -> JsonLines.line(record(null)))
                .isInstanceOf(BadRecordException.class).hasMessageContaining("tombstone");
    }

    private static SinkRecord record(Object value) {
        return new SinkRecord("t", 0, null, null, null, value, 0);
    }
}
