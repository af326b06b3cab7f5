package io.pinpipe.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's one JSON parser and writer: every route reads its request body here. Parsing is strict: invalid
 * UTF-8, malformed JSON, duplicate keys, trailing garbage and nesting deeper than the configured limit all become a
 * 400 {@link RestException} that says where. Values are exact: numbers keep the text the client wrote
 * ({@link ExactTreeDeserializer}), so a JSON value written to Kafka is the value that was sent.
 */
public final class Json {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ObjectMapper mapper;

    public Json(int maxNestingDepth) {
        JsonFactory strict = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = exact(strict).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private static ObjectMapper exact(JsonFactory factory) {
        return new ObjectMapper(factory).registerModule(new SimpleModule("exact-values")
                .addDeserializer(JsonNode.class, new ExactTreeDeserializer()));
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** One JSON document; a 400 when the body is empty or not JSON. */
    public JsonNode read(Buffer body) {
        if (body == null || body.length() == 0) {
            throw new RestException(400, 400, "the request body is empty; expected JSON");
        }
        try {
            return mapper.readTree(body.getBytes());
        } catch (IOException e) {
            throw badJson(e);
        }
    }

    /** One JSON document, or null when the body is absent or blank (bodies that are optional). */
    public JsonNode readIfPresent(Buffer body) {
        if (body == null || isBlank(body)) {
            return null;
        }
        return read(body);
    }

    /**
     * True when the body holds only whitespace. Looks at the bytes until the first that is not ASCII whitespace (the
     * first, for any JSON body), so a single-record write does not decode its whole body into a string first.
     */
    private static boolean isBlank(Buffer body) {
        for (int i = 0; i < body.length(); i++) {
            byte next = body.getByte(i);
            if (next < 0) {
                return body.toString(StandardCharsets.UTF_8).isBlank();
            }
            if (!Character.isWhitespace(next)) {
                return false;
            }
        }
        return true;
    }

    /** A stream of concatenated JSON documents (v3 produce); a 400 when any of them is malformed. */
    public List<JsonNode> readAll(Buffer body) {
        if (body == null || body.length() == 0) {
            throw new RestException(400, 400, "the request body is empty; expected one or more JSON records");
        }
        List<JsonNode> nodes = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = mapper.readerFor(JsonNode.class).without(
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValues(body.getBytes())) {
            while (iterator.hasNextValue()) {
                nodes.add(iterator.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            throw badJson(e);
        }
        return nodes;
    }

    /**
     * The compact JSON text of {@code node} in UTF-8. Characters outside the Basic Multilingual Plane, and unpaired
     * surrogates a client may send as escapes, are written as {@code \\uXXXX} escapes: the same JSON string.
     */
    public byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public Buffer buffer(JsonNode node) {
        return Buffer.buffer(bytes(node));
    }

    private static RestException badJson(Exception e) {
        String message = e instanceof JsonProcessingException processing ? processing.getOriginalMessage()
                : String.valueOf(e.getMessage());
        String where = e instanceof JsonProcessingException processing && processing.getLocation() != null
                ? " (line " + processing.getLocation().getLineNr() + ", column "
                + processing.getLocation().getColumnNr() + ")" : "";
        return new RestException(400, 400, "the request body is not valid JSON" + where + ": " + message, e);
    }
}
