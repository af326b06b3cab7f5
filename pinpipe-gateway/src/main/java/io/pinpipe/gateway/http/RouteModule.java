package io.pinpipe.gateway.http;

import io.pinpipe.gateway.GatewayContext;
import io.vertx.ext.web.Router;

import java.util.Map;

/**
 * A group of routes (REST Proxy produce, metadata, consumers, streams...) mounted on the gateway's router. Paths are
 * mounted without a stage prefix; the gateway answers them under every configured stage prefix too.
 */
public interface RouteModule {

    void mount(Router router, GatewayContext context);

    /**
     * Routes that answer without an API key because they hold no data: a page's HTML, script and style, whose data
     * comes from this module's keyed routes (a browser cannot send {@code x-api-key} when it opens a page). Mounted
     * on the root router, beside {@code /health}, without stage prefixes and before the API routes.
     */
    default void mountOpen(Router root, GatewayContext context) {
    }

    /**
     * The body limits of this module's paths, e.g. {@code "/consumers/*" -> 1 MiB (consumer.body.max.bytes)}; other
     * paths get {@code pinpipe.request.max.bytes}. The gateway applies them: a module never adds a body handler of its own
     * (only the first body handler of a request reads the body, so a second one's limit would never apply).
     */
    default Map<String, BodyLimit> bodyLimits() {
        return Map.of();
    }

    /**
     * Releases what the module holds (consumer instances...). Called once when the gateway stops, after it stopped
     * taking requests and before its Kafka clients close; never on an event-loop thread, so it may block.
     */
    default void close() {
    }
}
