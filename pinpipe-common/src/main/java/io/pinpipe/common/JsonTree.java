package io.pinpipe.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * One purpose, one mapper: JSON exchanged with another program (a REST answer of Kafka Connect or the gateway, Spark's
 * offsets; a connector's configuration sent to Connect), read as a tree with Jackson's defaults and picked apart by
 * the caller, or written from plain maps and lists. pinpipe's own formats keep their
 * own configuration: {@link JsonCodec} for source records, the sink's JSON Lines, the gateway's strict request
 * parser, the scheduler's history, the job's result files.
 */
public final class JsonTree {

    /** Thread-safe once configured, and never reconfigured. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonTree() {
    }

    /** @throws JsonProcessingException when {@code json} is not JSON */
    public static JsonNode parse(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }

    /** The same for an answer's bytes (UTF-8, or as the JSON itself says). */
    public static JsonNode parse(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    /** {@code value} (maps, lists, strings, numbers) as JSON text for another program, e.g. a REST request body. */
    public static String text(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsString(value);
    }
}
