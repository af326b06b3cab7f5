package io.pinpipe.connect.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a record value into one JSON Lines line (without the '\n'). Bytes and strings (ByteArrayConverter,
 * StringConverter: the recommended converters) are written exactly as produced once checked to be one JSON value; only
 * a value spread over several lines is re-written compactly, keeping field order and number text. Maps, lists and
 * structs (JsonConverter) are written with Jackson: a struct keeps its schema's field order, a schemaless map keeps
 * whatever order the converter gave it.
 */
public final class JsonLines {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonLines() {
    }

    /** The line for {@code record}'s value; a {@link BadRecordException} says why there is none. */
    public static byte[] line(SinkRecord record) {
        Object value = record.value();
        if (value == null) {
            throw new BadRecordException("tombstone (null value): the lake holds values only");
        }
        if (value instanceof byte[] bytes) {
            return checked(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return checked(bytes);
        }
        if (value instanceof String text) {
            return checked(text.getBytes(StandardCharsets.UTF_8));
        }
        try {
            return MAPPER.writeValueAsBytes(plain(value));
        } catch (IOException e) {
            throw new BadRecordException("value of type " + value.getClass().getName() + " cannot be written as JSON",
                    e);
        }
    }

    /** The parsed value of a line, for partitioners that read fields. */
    public static JsonNode tree(byte[] line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new BadRecordException("value is not JSON: " + originalMessage(e), e);
        }
    }

    private static byte[] checked(byte[] bytes) {
        boolean multiline;
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new BadRecordException("value is empty, not JSON");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new BadRecordException("value holds more than one JSON value");
            }
            // A raw line break can only be whitespace (strict JSON strings cannot hold one), and the parser counts
            // the line breaks it skips: asking it is free, scanning the bytes again was half the cost of this check.
            multiline = parser.currentLocation().getLineNr() > 1;
        } catch (IOException e) {
            throw new BadRecordException("value is not JSON: " + originalMessage(e), e);
        }
        if (!multiline) {
            return bytes;
        }
        return compact(bytes);
    }

    /** Re-writes one JSON value without whitespace, token by token, numbers by their original text. */
    private static byte[] compact(byte[] bytes) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
        try (JsonParser parser = FACTORY.createParser(bytes);
             com.fasterxml.jackson.core.JsonGenerator generator = FACTORY.createGenerator(out)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    generator.writeNumber(parser.getText());
                } else {
                    generator.copyCurrentEvent(parser);
                }
            }
        } catch (IOException e) {
            throw new BadRecordException("value is not JSON: " + originalMessage(e), e);
        }
        return out.toByteArray();
    }

    private static String originalMessage(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException json ? json.getOriginalMessage()
                : e.getMessage();
    }

    /** Structs become ordered maps, recursively; everything else Jackson writes as it is. */
    private static Object plain(Object value) {
        if (value instanceof Struct struct) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Field field : struct.schema().fields()) {
                fields.put(field.name(), plain(struct.get(field)));
            }
            return fields;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, plain(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(plain(item)));
            return copy;
        }
        return value;
    }
}
