package io.pinpipe.emulator.post;

import io.pinpipe.common.JsonCodec;
import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP requests the emulator makes, byte for byte. Batch mode is the REST Proxy v2 produce call the course's
 * emulator makes; stream mode is the Kinesis-style call of the course's streaming emulator. Record values are the
 * {@link JsonCodec} wire form (table field order, ISO datetimes).
 */
public final class GatewayRequests {

    public static final String REST_PROXY_JSON = "application/vnd.kafka.json.v2+json";
    public static final String REST_PROXY_ACCEPT = "application/vnd.kafka.v2+json";
    public static final String JSON = "application/json";
    public static final String API_KEY_HEADER = "x-api-key";

    private final EmulatorOptions options;
    private final String stage;

    public GatewayRequests(EmulatorOptions options) {
        this.options = options;
        this.stage = options.stage().isEmpty() ? "" : "/" + options.stage();
    }

    /**
     * The call carrying {@code records} (all of one table), its body serialised once: a failover sends the same
     * bytes to another gateway.
     */
    public GatewayCall request(SourceTable table, List<? extends SourceRecord> records) {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body;
        String method;
        if (options.mode() == Mode.BATCH) {
            method = "POST";
            body = restProxyBody(records);
            headers.put("Content-Type", REST_PROXY_JSON);
            headers.put("Accept", REST_PROXY_ACCEPT);
        } else {
            method = "PUT";
            String stream = options.topics().streaming(table);
            body = records.size() == 1 ? putRecordBody(stream, records.get(0)) : putRecordsBody(stream, records);
            headers.put("Content-Type", JSON);
            headers.put("Accept", JSON);
        }
        if (options.apiKey() != null) {
            headers.put(API_KEY_HEADER, options.apiKey());
        }
        return new GatewayCall(method, path(table, records.size()), headers, body);
    }

    /** {@code /<stage>/topics/<id>.pin}, or {@code .../streams/streaming-<id>-pin/record(s)}: after any gateway. */
    public String path(SourceTable table, int records) {
        if (options.mode() == Mode.BATCH) {
            return stage + "/topics/" + options.topics().batch(table);
        }
        String operation = records == 1 ? "/record" : "/records";
        return stage + "/streams/" + options.topics().streaming(table) + operation;
    }

    /** {@code {"records":[{"value":{...}},...]}}. */
    public static byte[] restProxyBody(List<? extends SourceRecord> records) {
        StringBuilder body = new StringBuilder(600 * records.size()).append("{\"records\":[");
        for (int i = 0; i < records.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"value\":").append(JsonCodec.get().toJson(records.get(i)))
                    .append('}');
        }
        return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"StreamName":"...","Data":{...},"PartitionKey":"<row id>"}}. */
    public static byte[] putRecordBody(String stream, SourceRecord record) {
        return ("{\"StreamName\":" + quoted(stream) + ",\"Data\":" + JsonCodec.get().toJson(record)
                + ",\"PartitionKey\":" + quoted(partitionKey(record)) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"StreamName":"...","Records":[{"Data":{...},"PartitionKey":"..."},...]}}. */
    public static byte[] putRecordsBody(String stream, List<? extends SourceRecord> records) {
        StringBuilder body = new StringBuilder(600 * records.size()).append("{\"StreamName\":").append(quoted(stream))
                .append(",\"Records\":[");
        for (int i = 0; i < records.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"Data\":").append(JsonCodec.get().toJson(records.get(i)))
                    .append(",\"PartitionKey\":").append(quoted(partitionKey(records.get(i)))).append('}');
        }
        return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The row id: stable for a row, so its pin, geo and user records go to the same shard, and spread over rows. */
    static String partitionKey(SourceRecord record) {
        return Integer.toString(record.id());
    }

    private static String quoted(String text) {
        return JsonCodec.get().toJson(text);
    }
}
