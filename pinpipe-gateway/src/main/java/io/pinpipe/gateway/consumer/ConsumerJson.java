package io.pinpipe.gateway.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.gateway.http.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Reading request bodies and writing responses of the consumer API, through the gateway's one strict {@link Json}
 * parser (the same limits and exact numbers as the produce routes).
 */
final class ConsumerJson {

    /** The v2 API's content type for everything that is not a records response. */
    static final String V2_JSON = "application/vnd.kafka.v2+json";

    private final Json json;

    ConsumerJson(Json json) {
        this.json = json;
    }

    /** The request body as JSON, or null when there is none; a 400 when it is not strict JSON. */
    JsonNode body(RoutingContext context) {
        return json.readIfPresent(context.body() == null ? null : context.body().buffer());
    }

    byte[] bytes(JsonNode node) {
        return json.bytes(node);
    }

    void respond(RoutingContext context, JsonNode body) {
        respond(context, 200, V2_JSON, bytes(body));
    }

    static void respond(RoutingContext context, int status, String contentType, byte[] body) {
        context.response().setStatusCode(status).putHeader("Content-Type", contentType).end(Buffer.buffer(body));
    }

    static void noContent(RoutingContext context) {
        context.response().setStatusCode(204).end();
    }
}
