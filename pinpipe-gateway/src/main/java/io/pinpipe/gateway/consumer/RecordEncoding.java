package io.pinpipe.gateway.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.Json;
import io.pinpipe.gateway.http.RestException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.util.Base64;

/**
 * One consumed record as an element of a records response: {@code {"topic","key","value","partition","offset"}},
 * key and value embedded as JSON ({@code json} format) or as base64 of their bytes ({@code binary} format).
 */
final class RecordEncoding {

    private final EmbeddedFormat format;
    private final Json json;

    RecordEncoding(EmbeddedFormat format, Json json) {
        this.format = format;
        this.json = json;
    }

    /**
     * @throws RestException 500/50002 when a {@code json} consumer meets a key or value that is not JSON, naming the
     *                       record so the client can read it with a binary consumer or seek past it
     */
    ObjectNode encode(ConsumerRecord<byte[], byte[]> record) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("topic", record.topic());
        node.set("key", embed(record, record.key(), "key"));
        node.set("value", embed(record, record.value(), "value"));
        node.put("partition", record.partition());
        node.put("offset", record.offset());
        return node;
    }

    /** The bytes a record counts against a read's byte limits: its key and value, as Confluent counts them. */
    static long size(ConsumerRecord<byte[], byte[]> record) {
        return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    }

    private JsonNode embed(ConsumerRecord<byte[], byte[]> record, byte[] bytes, String part) {
        if (bytes == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (format == EmbeddedFormat.BINARY) {
            return JsonNodeFactory.instance.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        try {
            return json.readRecord(bytes);
        } catch (IOException e) {
            throw new RestException(500, ErrorCodes.KAFKA_ERROR, "The " + part + " of the record at "
                    + record.topic() + "/" + record.partition() + "@" + record.offset() + " is not JSON, so a 'json'"
                    + " consumer cannot hand it out; read it with a 'binary' consumer or seek past offset "
                    + record.offset(), e);
        }
    }
}
