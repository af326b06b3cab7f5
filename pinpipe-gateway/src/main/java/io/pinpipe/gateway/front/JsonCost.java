package io.pinpipe.gateway.front;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;

/**
 * An estimate of the heap a request body takes once parsed, counted with a streaming pass that allocates nothing
 * per value. A JSON tree costs far more than its text: {@code {}} is two bytes and about a hundred as an
 * {@code ObjectNode}; a 10 MiB body of tiny values becomes hundreds of MiB. Counting first lets the budget refuse
 * such a body before the tree is built.
 */
final class JsonCost {

    /** Heap per JSON value or field name in a parsed tree (node, map entry, boxed key), measured on a 64-bit JVM. */
    static final long BYTES_PER_TOKEN = 96;
    /**
     * Besides the body itself, its text is held up to three times more while a request is handled: the byte array
     * the parser reads, the Java strings of the tree and the bytes handed to Kafka.
     */
    static final long COPIES_OF_TEXT = 3;

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonCost() {
    }

    /** Bytes the body takes while a route handles it: the body itself, its parsed tree and the copies of its text. */
    static long of(Buffer body) {
        if (body == null || body.length() == 0) {
            return 0;
        }
        return body.length() * (1 + COPIES_OF_TEXT) + tokens(body.getBytes()) * BYTES_PER_TOKEN;
    }

    /**
     * Values and field names up to the first syntax error (the route's own parser then answers 400 for it). Ends of
     * objects and arrays are not counted: they allocate nothing.
     */
    private static long tokens(byte[] body) {
        long count = 0;
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken token;
            // Concatenated documents (a v3 stream) are read one after the other by the same parser.
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY) {
                    count++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Malformed or too deep: what was counted stands; the request fails with a 400 when it is parsed.
        }
        return count;
    }
}
