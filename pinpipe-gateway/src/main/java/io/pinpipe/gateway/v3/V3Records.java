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
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses Confluent v3 produce records: {@code {"partition_id"?, "headers"?: [{"name", "value" (base64)}],
 * "key"?: {"type": "JSON"|"BINARY"|"STRING", "data"}, "value"?: {...}, "timestamp"?: ISO-8601}}, and the entries of
 * {@code records:batch}, which add an {@code "id"}. A data object without a type is JSON. Each record is checked on
 * its own: an invalid one gets a 400 naming it and is not sent, the others are. What needs a Schema Registry
 * ({@code AVRO}, {@code JSONSCHEMA}, {@code PROTOBUF}, {@code schema_id}, {@code schema_version}, {@code subject},
 * ...) is refused the same way, never written as plain JSON.
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

    /**
     * One record of the request: parsed, or why it cannot be sent (exactly one of the two is set).
     *
     * @param id the entry's id in a batch; null in a stream
     */
    record Attempt(String id, Parsed record, RestException invalid) {

        Attempt refuse(RestException why) {
            return new Attempt(id, null, why);
        }
    }

    private static final Instant LATEST_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final Set<String> FIELDS = Set.of("partition_id", "headers", "key", "value", "timestamp");
    private static final Set<String> BATCH_FIELDS = Set.of("id", "partition_id", "headers", "key", "value",
            "timestamp");
    /** Confluent's limit on a batch entry's id. */
    private static final int MAX_ID_LENGTH = 80;
    /** The fields of a key or value that only make sense with a Schema Registry. */
    private static final Set<String> SCHEMA_FIELDS = Set.of("schema_id", "schema_version", "schema", "subject",
            "subject_name_strategy");
    private static final Set<String> SCHEMA_TYPES = Set.of("AVRO", "JSONSCHEMA", "PROTOBUF");

    private V3Records() {
    }

    /** Each record of a {@code /records} request (one, or a stream of concatenated ones), checked on its own. */
    static List<Attempt> parse(List<JsonNode> nodes, Json json) {
        List<Attempt> attempts = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            attempts.add(attempt(null, nodes.get(i), i, FIELDS, json));
        }
        return attempts;
    }

    /**
     * The entries of a {@code records:batch} body {@code {"entries": [...]}}, each checked on its own. A body
     * without entries, or with an entry whose {@code id} is missing, too long or repeated, is a 400 for the whole
     * request: the answer names records by id, so every id must be there and tell one record.
     */
    static List<Attempt> parseBatch(JsonNode body, Json json) {
        if (!body.isObject() || body.size() != 1 || !body.has("entries") || !body.get("entries").isArray()) {
            throw new RestException(400, 400, "the body must be {\"entries\": [...]} and nothing else");
        }
        List<Attempt> attempts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode entry : body.get("entries")) {
            JsonNode id = entry.get("id");
            boolean valid = id != null && id.isTextual() && !id.textValue().isEmpty()
                    && id.textValue().length() <= MAX_ID_LENGTH;
            if (!valid) {
                throw invalid(index, "\"id\" must be a string of 1 to " + MAX_ID_LENGTH + " characters");
            }
            if (!ids.add(id.textValue())) {
                throw invalid(index, "\"id\" '" + id.textValue() + "' is used by an earlier entry");
            }
            attempts.add(attempt(id.textValue(), entry, index++, BATCH_FIELDS, json));
        }
        return attempts;
    }

    private static Attempt attempt(String id, JsonNode node, int index, Set<String> fields, Json json) {
        try {
            return new Attempt(id, parseOne(node, index, fields, json), null);
        } catch (RestException e) {
            return new Attempt(id, null, e);
        }
    }

    private static Parsed parseOne(JsonNode node, int index, Set<String> fields, Json json) {
        if (!node.isObject()) {
            throw invalid(index, "must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
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
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (SCHEMA_FIELDS.contains(name)) {
                throw invalid(index, "\"" + field + "." + name + "\" needs a Schema Registry, which this gateway"
                        + " does not have; send type JSON, BINARY or STRING without schema fields");
            }
            if (!name.equals("type") && !name.equals("data")) {
                throw invalid(index, "unrecognized field '" + field + "." + name + "'");
            }
        }
        JsonNode typeNode = node.get("type");
        String typeName = typeNode == null || typeNode.isNull() ? "JSON" : typeNode.asText().toUpperCase(Locale.ROOT);
        if (SCHEMA_TYPES.contains(typeName)) {
            throw invalid(index, "\"" + field + ".type\" " + typeName + " needs a Schema Registry, which this"
                    + " gateway does not have; send JSON, BINARY or STRING");
        }
        DataType type;
        try {
            type = DataType.valueOf(typeName);
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
