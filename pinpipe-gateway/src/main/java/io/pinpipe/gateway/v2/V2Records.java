package io.pinpipe.gateway.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.Json;
import io.pinpipe.gateway.http.MediaTypes.EmbeddedFormat;
import io.pinpipe.gateway.http.RestException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Parses a REST Proxy v2 produce body {@code {"records": [{"key"?, "value"?, "partition"?}]}} into key and value
 * bytes: JSON embedded data is written back as compact JSON, binary data is base64-decoded. The whole request is
 * rejected (nothing is sent) when any record is invalid, with a 422 naming the record.
 */
final class V2Records {

    /** One record ready for the producer. */
    record Parsed(Integer partition, byte[] key, byte[] value) {
    }

    private static final Set<String> TOP_LEVEL = Set.of("records", "key_schema", "key_schema_id", "value_schema",
            "value_schema_id");
    private static final Set<String> RECORD_FIELDS = Set.of("key", "value", "partition");

    private V2Records() {
    }

    static List<Parsed> parse(JsonNode body, EmbeddedFormat format, Json json) {
        if (!body.isObject()) {
            throw invalid("the request body must be a JSON object {\"records\": [...]}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                throw invalid("unrecognized field '" + name + "'; expected \"records\"");
            }
        }
        JsonNode records = body.get("records");
        if (records == null || !records.isArray() || records.isEmpty()) {
            throw invalid("\"records\" must be a non-empty array");
        }
        checkSchemaFormat(body, records, format);
        List<Parsed> parsed = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            parsed.add(parseRecord(records.get(i), i, format, json));
        }
        return parsed;
    }

    private static Parsed parseRecord(JsonNode record, int index, EmbeddedFormat format, Json json) {
        if (!record.isObject()) {
            throw invalid("record " + index + " must be a JSON object");
        }
        for (Iterator<String> names = record.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!RECORD_FIELDS.contains(name)) {
                throw invalid("record " + index + ": unrecognized field '" + name + "'");
            }
        }
        Integer partition = null;
        JsonNode partitionNode = record.get("partition");
        if (partitionNode != null && !partitionNode.isNull()) {
            if (!partitionNode.canConvertToInt() || !partitionNode.isIntegralNumber() || partitionNode.intValue() < 0) {
                throw invalid("record " + index + ": \"partition\" must be a whole number of at least 0");
            }
            partition = partitionNode.intValue();
        }
        return new Parsed(partition, data(record.get("key"), "key", index, format, json),
                data(record.get("value"), "value", index, format, json));
    }

    private static byte[] data(JsonNode node, String field, int index, EmbeddedFormat format, Json json) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (format == EmbeddedFormat.JSON) {
            return json.bytes(node);
        }
        if (!node.isTextual()) {
            throw invalid("record " + index + ": \"" + field + "\" must be a base64 string with the binary format");
        }
        try {
            return Base64.getDecoder().decode(node.textValue());
        } catch (IllegalArgumentException e) {
            throw invalid("record " + index + ": \"" + field + "\" is not valid base64: " + e.getMessage());
        }
    }

    private static void checkSchemaFormat(JsonNode body, JsonNode records, EmbeddedFormat format) {
        if (format == EmbeddedFormat.JSON || format == EmbeddedFormat.BINARY) {
            return;
        }
        boolean keys = false;
        boolean values = false;
        for (JsonNode record : records) {
            keys |= record.hasNonNull("key");
            values |= record.hasNonNull("value");
        }
        if (keys && !body.hasNonNull("key_schema") && !body.hasNonNull("key_schema_id")) {
            throw new RestException(422, ErrorCodes.KEY_SCHEMA_MISSING, "Request includes keys but does not include"
                    + " key_schema or key_schema_id");
        }
        if (values && !body.hasNonNull("value_schema") && !body.hasNonNull("value_schema_id")) {
            throw new RestException(422, ErrorCodes.VALUE_SCHEMA_MISSING, "Request includes values but does not"
                    + " include value_schema or value_schema_id");
        }
        throw new RestException(415, 415, "the " + format.name().toLowerCase(java.util.Locale.ROOT) + " embedded"
                + " format needs a Schema Registry, which this gateway does not have; send "
                + "application/vnd.kafka.json.v2+json or application/vnd.kafka.binary.v2+json");
    }

    private static RestException invalid(String message) {
        return new RestException(422, 422, message);
    }
}
