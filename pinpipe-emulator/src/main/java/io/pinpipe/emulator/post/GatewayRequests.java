package io.pinpipe.emulator.post;

import io.pinpipe.common.JsonCodec;
import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
    /** Per gateway, table and shape (one record, several), the URI: parsed once, not for every request. */
    private final URI[][][] uris;

    public GatewayRequests(EmulatorOptions options) {
        this.options = options;
        List<URI> gateways = options.gateways();
        this.uris = new URI[gateways.size()][SourceTable.values().length][2];
        for (int gateway = 0; gateway < gateways.size(); gateway++) {
            String base = EmulatorOptions.withoutTrailingSlashes(gateways.get(gateway).toString());
            String prefix = options.stage().isEmpty() ? base : base + "/" + options.stage();
            for (SourceTable table : SourceTable.values()) {
                uris[gateway][table.ordinal()][0] = buildUri(prefix, table, 1);
                uris[gateway][table.ordinal()][1] = buildUri(prefix, table, 2);
            }
        }
    }

    /** The body carrying {@code records} (all of one table); the same bytes go to any gateway, on any attempt. */
    public byte[] body(SourceTable table, List<? extends SourceRecord> records) {
        if (options.mode() == Mode.BATCH) {
            return restProxyBody(records);
        }
        String stream = options.topics().streaming(table);
        return records.size() == 1 ? putRecordBody(stream, records.get(0)) : putRecordsBody(stream, records);
    }

    /** The request to gateway number {@code gateway} carrying {@code body}, which holds {@code records} records. */
    public HttpRequest request(int gateway, SourceTable table, int records, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(gateway, table, records))
                .timeout(options.requestTimeout());
        if (options.mode() == Mode.BATCH) {
            builder.POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Content-Type", REST_PROXY_JSON)
                    .header("Accept", REST_PROXY_ACCEPT);
        } else {
            builder.PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Content-Type", JSON)
                    .header("Accept", JSON);
        }
        if (options.apiKey() != null) {
            builder.header(API_KEY_HEADER, options.apiKey());
        }
        return builder.build();
    }

    /** {@code <gateway>/<stage>/topics/<id>.pin}, or {@code .../streams/streaming-<id>-pin/record(s)}. */
    public URI uri(int gateway, SourceTable table, int records) {
        return uris[gateway][table.ordinal()][records == 1 ? 0 : 1];
    }

    private URI buildUri(String prefix, SourceTable table, int records) {
        if (options.mode() == Mode.BATCH) {
            return URI.create(prefix + "/topics/" + options.topics().batch(table));
        }
        String operation = records == 1 ? "/record" : "/records";
        return URI.create(prefix + "/streams/" + options.topics().streaming(table) + operation);
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
