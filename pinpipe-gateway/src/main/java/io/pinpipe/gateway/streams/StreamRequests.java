package io.pinpipe.gateway.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.gateway.http.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bodies of the streams API, checked against Kinesis' rules. A body that breaks one answers 400 naming the
 * field; nothing of such a request is written.
 */
final class StreamRequests {

    /** Kinesis' limit of data and partition key bytes in one PutRecords request. */
    static final int MAX_REQUEST_BYTES = 5 * 1_048_576;
    static final int MAX_PARTITION_KEY_CHARS = 256;

    private final Json json;
    private final int maxRecords;

    /** @param maxRecords the most records one PutRecords may hold ({@code streams.put.records.max}) */
    StreamRequests(Json json, int maxRecords) {
        this.json = json;
        this.maxRecords = maxRecords;
    }

    /** {@code {"StreamName"?, "Data", "PartitionKey"}} of {@code PUT /streams/{stream}/record}. */
    StreamRecord putRecord(JsonNode body, String stream) {
        requireObject(body, "{\"StreamName\":\"...\",\"Data\":{...},\"PartitionKey\":\"...\"}");
        checkStreamName(body, stream);
        return record(body, "");
    }

    /** {@code {"StreamName"?, "Records":[{"Data","PartitionKey"}, ...]}} of {@code PUT /streams/{stream}/records}. */
    List<StreamRecord> putRecords(JsonNode body, String stream) {
        requireObject(body, "{\"StreamName\":\"...\",\"Records\":[{\"Data\":{...},\"PartitionKey\":\"...\"}]}");
        checkStreamName(body, stream);
        JsonNode records = body.get("Records");
        if (records == null || !records.isArray() || records.isEmpty()) {
            throw StreamErrors.invalid("Records must be a non-empty list of {\"Data\",\"PartitionKey\"}");
        }
        if (records.size() > maxRecords) {
            throw StreamErrors.invalid("Records holds " + records.size() + " records; one request may hold at most "
                    + maxRecords + " (streams.put.records.max): split the batch");
        }
        List<StreamRecord> result = new ArrayList<>(records.size());
        long bytes = 0;
        for (int i = 0; i < records.size(); i++) {
            JsonNode entry = records.get(i);
            if (!entry.isObject()) {
                throw StreamErrors.invalid("Records[" + i + "] must be an object {\"Data\",\"PartitionKey\"}");
            }
            StreamRecord record = record(entry, "Records[" + i + "].");
            bytes += record.key().length + record.value().length;
            result.add(record);
        }
        if (bytes > MAX_REQUEST_BYTES) {
            throw StreamErrors.invalid("the records hold " + bytes + " bytes; one request may hold at most "
                    + MAX_REQUEST_BYTES + " (Kinesis' limit): split the batch");
        }
        return result;
    }

    /**
     * The {@code ShardCount} of a create request ({@code 1} when there is no body or no count).
     */
    static int shardCount(JsonNode body, String stream, int maxShards) {
        if (body == null) {
            return 1;
        }
        requireObject(body, "{\"ShardCount\":1}");
        checkStreamName(body, stream);
        JsonNode count = body.get("ShardCount");
        if (count == null || count.isNull()) {
            return 1;
        }
        if (!count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < 1
                || count.intValue() > maxShards) {
            throw StreamErrors.invalid("ShardCount must be a whole number from 1 to " + maxShards
                    + " (streams.max.shards), not " + count);
        }
        return count.intValue();
    }

    private StreamRecord record(JsonNode node, String prefix) {
        JsonNode key = node.get("PartitionKey");
        if (key == null || !key.isTextual() || key.textValue().isEmpty()) {
            throw StreamErrors.invalid(prefix + "PartitionKey is required: a non-empty string");
        }
        if (key.textValue().length() > MAX_PARTITION_KEY_CHARS) {
            throw StreamErrors.invalid(prefix + "PartitionKey has " + key.textValue().length()
                    + " characters; at most " + MAX_PARTITION_KEY_CHARS + " are allowed");
        }
        byte[] value = RecordData.bytes(node.get("Data"), prefix + "Data", json);
        return new StreamRecord(key.textValue().getBytes(StandardCharsets.UTF_8), value);
    }

    private static void checkStreamName(JsonNode body, String stream) {
        JsonNode name = body.get("StreamName");
        if (name != null && !name.isNull() && !(name.isTextual() && name.textValue().equals(stream))) {
            throw StreamErrors.invalid("StreamName " + name + " in the body does not match the stream '" + stream
                    + "' in the path");
        }
    }

    private static void requireObject(JsonNode body, String example) {
        if (body == null || !body.isObject()) {
            throw StreamErrors.invalid("the request needs a JSON body like " + example);
        }
    }
}
