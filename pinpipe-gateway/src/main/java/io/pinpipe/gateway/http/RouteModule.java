package io.pinpipe.gateway.http;

import io.pinpipe.gateway.GatewayContext;
import io.vertx.ext.web.Router;

/**
 * A group of routes (REST Proxy produce, metadata, consumers, streams...) mounted on the gateway's router. Paths are
 * mounted without a stage prefix; the gateway answers them under every configured stage prefix too.
 */
public interface RouteModule {

    void mount(Router router, GatewayContext context);

    /**
     * Releases what the module holds (consumer instances...). Called once when the gateway stops, after it stopped
     * taking requests and before its Kafka clients close; never on an event-loop thread, so it may block.
     */
    default void close() {
    }
}
