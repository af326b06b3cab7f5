package io.pinpipe.gateway.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Reading request bodies and writing responses of the consumer API. */
final class ConsumerJson {

    /** The v2 API's content type for everything that is not a records response. */
    static final String V2_JSON = "application/vnd.kafka.v2+json";

    /** Numbers pass through exactly: a record's {@code 1.10} is handed out as {@code 1.10}. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private ConsumerJson() {
    }

    /** The request body as JSON, or null when there is none. */
    static JsonNode body(RoutingContext context) {
        Buffer buffer = context.body() == null ? null : context.body().buffer();
        if (buffer == null || buffer.length() == 0 || buffer.toString().isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(buffer.getBytes());
        } catch (JsonProcessingException e) {
            throw ConsumerErrors.badRequest("The request body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void respond(RoutingContext context, int status, String contentType, byte[] body) {
        context.response().setStatusCode(status).putHeader("Content-Type", contentType).end(Buffer.buffer(body));
    }

    static void respond(RoutingContext context, JsonNode body) {
        respond(context, 200, V2_JSON, bytes(body));
    }

    static void noContent(RoutingContext context) {
        context.response().setStatusCode(204).end();
    }
}
