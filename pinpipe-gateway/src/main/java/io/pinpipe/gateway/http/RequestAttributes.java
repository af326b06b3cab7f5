package io.pinpipe.gateway.http;

import io.vertx.ext.web.RoutingContext;

/** Names of values the gateway leaves in the routing context for the routes, the access log and the metrics. */
public final class RequestAttributes {

    /** The error code of a failed request (Integer). */
    public static final String ERROR_CODE = "pinpipe.errorCode";
    /** Records in a produce request (Integer). */
    public static final String RECORDS = "pinpipe.records";
    /** The route template that answered, e.g. {@code /topics/:topic} (String). */
    public static final String ROUTE = "pinpipe.route";
    /** {@link System#nanoTime()} when the request had fully arrived, body included (Long). */
    public static final String RECEIVED_NANOS = "pinpipe.receivedNanos";

    private RequestAttributes() {
    }

    /** When the request had fully arrived; now, for a request that did not pass the body intake. */
    public static long receivedNanos(RoutingContext routing) {
        Long received = routing.get(RECEIVED_NANOS);
        return received != null ? received : System.nanoTime();
    }
}
