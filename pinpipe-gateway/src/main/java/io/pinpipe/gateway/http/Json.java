package io.pinpipe.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading request bodies and writing response bodies. Parsing is strict: invalid UTF-8, malformed JSON, trailing
 * garbage and nesting deeper than the configured limit all become a 400 {@link RestException} that says where.
 */
public final class Json {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final ObjectMapper mapper;

    public Json(int maxNestingDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public static ObjectNode object() {
        return NODES.objectNode();
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
