package io.pinpipe.gateway.consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.RestException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Consumed records as the body of a records response: a JSON array of {@code {"topic","key","value","partition",
 * "offset"}}, key and value embedded as JSON ({@code json} format) or as base64 of their bytes ({@code binary}
 * format).
 *
 * <p>The answer is written as the records come, with a streaming generator, never as a tree of nodes: a read hands
 * out thousands of records, and building then serializing a node per record was most of its cost. A {@code json}
 * key or value is checked to be exactly one JSON value in UTF-8 and then copied as the producer wrote it, so its
 * numbers keep their exact text.
 */
final class RecordEncoding {

    /** JSON's own rules only: a record may come from any producer. */
    private static final JsonFactory JSON = new JsonFactory();

    private final EmbeddedFormat format;

    RecordEncoding(EmbeddedFormat format) {
        this.format = format;
    }

    /** A new, empty answer. */
    Answer answer() {
        return new Answer();
    }

    /** The bytes a record counts against a read's byte limits: its key and value, as Confluent counts them. */
    static long size(ConsumerRecord<byte[], byte[]> record) {
        return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    }

    /** One records response being written. Not thread-safe: the instance's thread builds it. */
    final class Answer {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        private final JsonGenerator out;
        private int count;

        private Answer() {
            try {
                out = JSON.createGenerator(bytes);
                out.writeStartArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean isEmpty() {
            return count == 0;
        }

        /**
         * @throws RestException 500/50002 when a {@code json} consumer meets a key or value that is not JSON, naming
         *                       the record so the client can read it with a binary consumer or seek past it; nothing
         *                       of that record is written then
         */
        void add(ConsumerRecord<byte[], byte[]> record) {
            String key = format == EmbeddedFormat.JSON ? jsonText(record, record.key(), "key") : null;
            String value = format == EmbeddedFormat.JSON ? jsonText(record, record.value(), "value") : null;
            try {
                out.writeStartObject();
                out.writeStringField("topic", record.topic());
                out.writeFieldName("key");
                embed(record.key(), key);
                out.writeFieldName("value");
                embed(record.value(), value);
                out.writeNumberField("partition", record.partition());
                out.writeNumberField("offset", record.offset());
                out.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            count++;
        }

        /** The answer's bytes; the answer takes no more records. */
        byte[] finish() {
            try {
                out.writeEndArray();
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        private void embed(byte[] raw, String jsonText) throws IOException {
            if (raw == null) {
                out.writeNull();
            } else if (format == EmbeddedFormat.BINARY) {
                out.writeBinary(raw);
            } else {
                out.writeRawValue(jsonText);
            }
        }
    }

    /** The text of a key or value that must be one JSON value in UTF-8 (null stays null). */
    private static String jsonText(ConsumerRecord<byte[], byte[]> record, byte[] bytes, String part) {
        if (bytes == null) {
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            requireOneValue(text);
            return text;
        } catch (IOException e) {
            throw new RestException(500, ErrorCodes.KAFKA_ERROR, "The " + part + " of the record at "
                    + record.topic() + "/" + record.partition() + "@" + record.offset() + " is not JSON, so a 'json'"
                    + " consumer cannot hand it out; read it with a 'binary' consumer or seek past offset "
                    + record.offset(), e);
        }
    }

    /**
     * Reads every token, so the whole text is checked (strings decoded, numbers parsed), and fails unless there is
     * exactly one value: it is copied into the answer as it is, where anything else would break the answer's JSON.
     */
    private static void requireOneValue(String text) throws IOException {
        try (JsonParser parser = JSON.createParser(text)) {
            int values = 0;
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (depth == 0 && ++values > 1) {
                    throw new JsonParseException(parser, "more than one JSON value");
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
            if (values == 0) {
                throw new JsonParseException(parser, "no JSON value");
            }
        }
    }
}
