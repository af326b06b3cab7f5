package io.pinpipe.gateway.v3;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.gateway.http.Json;
import io.pinpipe.gateway.http.RestException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses Confluent v3 produce records: {@code {"partition_id"?, "headers"?: [{"name", "value" (base64)}],
 * "key"?: {"type": "JSON"|"BINARY"|"STRING", "data"}, "value"?: {...}, "timestamp"?: ISO-8601}}. A data object
 * without a type is JSON. Any invalid record rejects the whole request with a 400 naming it; nothing is sent.
 */
final class V3Records {

    /** The types a key or value may have; the response echoes the type and the byte size. */
    enum DataType { JSON, BINARY, STRING }

    /** Bytes of a key or value and the type they were given as. */
    record Data(DataType type, byte[] bytes) {
    }

    /** One record ready for the producer. */
    record Parsed(Integer partition, List<Header> headers, Data key, Data value, Long timestamp) {
    }

    private static final Instant LATEST_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final Set<String> FIELDS = Set.of("partition_id", "headers", "key", "value", "timestamp");

    private V3Records() {
    }

    static List<Parsed> parse(List<JsonNode> nodes, Json json) {
        List<Parsed> parsed = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            parsed.add(parseOne(nodes.get(i), i, json));
        }
        return parsed;
    }

    private static Parsed parseOne(JsonNode node, int index, Json json) {
        if (!node.isObject()) {
            throw invalid(index, "must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalid(index, "unrecognized field '" + name + "'");
            }
        }
        Integer partition = null;
        JsonNode partitionNode = node.get("partition_id");
        if (partitionNode != null && !partitionNode.isNull()) {
            if (!partitionNode.isIntegralNumber() || !partitionNode.canConvertToInt() || partitionNode.intValue() < 0) {
                throw invalid(index, "\"partition_id\" must be a whole number of at least 0");
            }
            partition = partitionNode.intValue();
        }
        return new Parsed(partition, headers(node.get("headers"), index), data(node.get("key"), "key", index, json),
                data(node.get("value"), "value", index, json), timestamp(node.get("timestamp"), index));
    }

    private static List<Header> headers(JsonNode node, int index) {
        List<Header> headers = new ArrayList<>();
        if (node == null || node.isNull()) {
            return headers;
        }
        if (!node.isArray()) {
            throw invalid(index, "\"headers\" must be an array of {\"name\", \"value\"}");
        }
        for (JsonNode header : node) {
            JsonNode name = header.get("name");
            if (!header.isObject() || name == null || !name.isTextual()) {
                throw invalid(index, "each header needs a string \"name\"");
            }
            JsonNode value = header.get("value");
            byte[] bytes = null;
            if (value != null && !value.isNull()) {
                bytes = base64(value, "header '" + name.textValue() + "'", index);
            }
            headers.add(new RecordHeader(name.textValue(), bytes));
        }
        return headers;
    }

    private static Data data(JsonNode node, String field, int index, Json json) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid(index, "\"" + field + "\" must be an object {\"type\", \"data\"}");
        }
        JsonNode typeNode = node.get("type");
        DataType type;
        try {
            type = typeNode == null || typeNode.isNull() ? DataType.JSON
                    : DataType.valueOf(typeNode.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(index, "\"" + field + ".type\" must be JSON, BINARY or STRING, not '" + typeNode.asText()
                    + "'");
        }
        JsonNode data = node.get("data");
        if (data == null) {
            throw invalid(index, "\"" + field + "\" has no \"data\"");
        }
        return switch (type) {
            case JSON -> new Data(type, json.bytes(data));
            case BINARY -> new Data(type, data.isNull() ? null : base64(data, "\"" + field + ".data\"", index));
            case STRING -> {
                if (!data.isTextual()) {
                    throw invalid(index, "\"" + field + ".data\" must be a string for type STRING");
                }
                yield new Data(type, data.textValue().getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private static byte[] base64(JsonNode node, String what, int index) {
        if (!node.isTextual()) {
            throw invalid(index, what + " must be a base64 string");
        }
        try {
            return Base64.getDecoder().decode(node.textValue());
        } catch (IllegalArgumentException e) {
            throw invalid(index, what + " is not valid base64");
        }
    }

    /**
     * Kafka keeps a timestamp as milliseconds since 1970 and refuses negative ones; the latest accepted is the last
     * instant of year 9999, the largest a four-digit ISO-8601 year can write.
     */
    private static Long timestamp(JsonNode node, int index) {
        if (node == null || node.isNull()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw invalid(index, "\"timestamp\" must be ISO-8601 like 2021-02-05T19:14:42Z, not '" + node.asText()
                    + "'");
        }
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST_TIMESTAMP)) {
            throw invalid(index, "\"timestamp\" must lie between " + Instant.EPOCH + " and " + LATEST_TIMESTAMP
                    + " (Kafka keeps milliseconds since 1970), not '" + node.asText() + "'");
        }
        return instant.toEpochMilli();
    }

    private static RestException invalid(int index, String message) {
        return new RestException(400, 400, "record " + index + ": " + message);
    }
}
