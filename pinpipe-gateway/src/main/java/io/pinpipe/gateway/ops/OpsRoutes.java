package io.pinpipe.gateway.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pinpipe.gateway.GatewayContext;
import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.Json;
import io.pinpipe.gateway.http.RestException;
import io.pinpipe.gateway.http.RouteModule;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Operations routes, answered at the root only and without an API key (load balancers and Prometheus call them):
 * {@code /health} (the process answers; with the state of the parts beside it, {@link Components}),
 * {@code /health/ready} (the Kafka cluster is reachable), {@code /metrics}
 * and {@code /openapi.json}.
 */
public final class OpsRoutes implements RouteModule {

    private final PrometheusMeterRegistry prometheus;
    private final Buffer openApi;
    private final Components components;

    public OpsRoutes(PrometheusMeterRegistry prometheus, Buffer openApi, Components components) {
        this.prometheus = prometheus;
        this.openApi = openApi;
        this.components = components;
    }

    @Override
    public void mount(Router router, GatewayContext context) {
        router.get("/health").handler(ctx -> {
            var body = Json.object();
            body.put("status", components.overall());
            var parts = body.putObject("components");
            components.snapshot().forEach((name, state) -> parts.putObject(name).put("status", state.status())
                    .put("detail", state.detail()));
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(context.json().buffer(body));
        });
        router.get("/health/ready").handler(ctx -> {
            if (!context.cluster().reachable()) {
                ctx.fail(new RestException(503, ErrorCodes.KAFKA_UNAVAILABLE, "not ready: the Kafka cluster cannot"
                        + " be reached"));
                return;
            }
            var body = Json.object();
            body.put("status", "UP");
            context.cluster().snapshot().ifPresent(snapshot -> {
                body.put("cluster_id", snapshot.clusterId());
                body.put("brokers", snapshot.brokerIds().size());
            });
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(context.json().buffer(body));
        });
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                .end(prometheus.scrape()));
        router.get("/openapi.json").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(openApi));
    }
}
