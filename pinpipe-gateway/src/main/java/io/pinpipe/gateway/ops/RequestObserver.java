package io.pinpipe.gateway.ops;

import io.pinpipe.gateway.http.RequestAttributes;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every request: when the response ends it records the metrics and writes one access-log line
 * (client, method, path, status, error code, records, bytes, milliseconds). Headers are never logged, so API keys and
 * Authorization values cannot leak; the query string is left out for the same reason.
 */
public final class RequestObserver implements Handler<RoutingContext> {

    private static final Logger ACCESS = LoggerFactory.getLogger("io.pinpipe.gateway.access");

    private final GatewayMetrics metrics;
    private final boolean accessLog;

    public RequestObserver(GatewayMetrics metrics, boolean accessLog) {
        this.metrics = metrics;
        this.accessLog = accessLog;
    }

    @Override
    public void handle(RoutingContext context) {
        long start = System.nanoTime();
        context.addEndHandler(ignored -> {
            long nanos = System.nanoTime() - start;
            int status = context.response().getStatusCode();
            String route = routeOf(context);
            long requestBytes = context.request().bytesRead();
            metrics.request(context.request().method().name(), route, status, nanos, requestBytes);
            Integer errorCode = context.get(RequestAttributes.ERROR_CODE);
            if (errorCode != null) {
                metrics.error(errorCode);
            }
            if (accessLog && ACCESS.isInfoEnabled()) {
                Integer records = context.get(RequestAttributes.RECORDS);
                ACCESS.info("{} {} {} {} error_code={} records={} in={}B out={}B {}ms",
                        context.request().remoteAddress() == null ? "-" : context.request().remoteAddress().host(),
                        context.request().method(), context.request().path(), status,
                        errorCode == null ? "-" : errorCode, records == null ? "-" : records, requestBytes,
                        context.response().bytesWritten(), nanos / 1_000_000);
            }
        });
        context.next();
    }

    private static String routeOf(RoutingContext context) {
        String route = context.get(RequestAttributes.ROUTE);
        if (route != null) {
            return route;
        }
        Route current = context.currentRoute();
        return current != null && current.getPath() != null ? current.getPath() : "unmatched";
    }
}
