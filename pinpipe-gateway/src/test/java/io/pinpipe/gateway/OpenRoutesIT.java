package io.pinpipe.gateway;

import io.pinpipe.gateway.config.GatewayConfig;
import io.pinpipe.gateway.http.RouteModule;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RouteModule#mountOpen}: a module's open routes (a page without data) answer without an API key and only
 * at the root, while its {@code mount} routes stay behind the keys and under every stage prefix.
 */
class OpenRoutesIT {

    private static final String KEY = "open-routes-key";
    private static GatewayFixture fixture;
    private static GatewayServer gateway;

    @BeforeAll
    static void start() {
        fixture = new GatewayFixture();
        RouteModule page = new RouteModule() {
            @Override
            public void mountOpen(Router root, GatewayContext context) {
                root.get("/page").handler(routing -> routing.response().end("the page"));
            }

            @Override
            public void mount(Router router, GatewayContext context) {
                router.get("/page/data").handler(routing -> routing.response().end("the data"));
            }
        };
        gateway = GatewayServer.start(GatewayConfig.of(Map.of("listeners", "http://127.0.0.1:0",
                "bootstrap.servers", fixture.kafka.bootstrapServers(), "pinpipe.api.keys.enabled", "true",
                "pinpipe.api.keys", KEY)), List.of(page));
        fixture.gateway = gateway;
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void anOpenRouteAnswersWithoutAKeyButOnlyAtTheRoot() {
        assertThat(fixture.get("/page").body()).isEqualTo("the page");
        assertThat(fixture.get("/test/page", "x-api-key", KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void theModulesOtherRoutesStayBehindTheKeys() {
        assertThat(fixture.get("/page/data").statusCode()).isEqualTo(403);
        assertThat(fixture.get("/page/data", "x-api-key", KEY).body()).isEqualTo("the data");
        assertThat(fixture.get("/test/page/data", "x-api-key", KEY).body()).isEqualTo("the data");
    }
}
