package io.pinpipe.gateway.http;

/** Names of values routes leave in the routing context for the access log and the metrics. */
public final class RequestAttributes {

    /** The error code of a failed request (Integer). */
    public static final String ERROR_CODE = "pinpipe.errorCode";
    /** Records in a produce request (Integer). */
    public static final String RECORDS = "pinpipe.records";
    /** The route template that answered, e.g. {@code /topics/:topic} (String). */
    public static final String ROUTE = "pinpipe.route";

    private RequestAttributes() {
    }
}
