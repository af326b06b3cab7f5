package io.pinpipe.gateway.http;

/**
 * The most bytes a request body may have on some routes, and the setting that says so: a 413 names the limit that
 * applied ({@code consumer.body.max.bytes} on {@code /consumers}, not the gateway-wide one).
 *
 * @param bytes   the largest body accepted
 * @param setting the name of the setting that chose {@code bytes}
 */
public record BodyLimit(long bytes, String setting) {

    /** The routing-context key under which the limit that applies to a request is kept. */
    public static final String ATTRIBUTE = "pinpipe.body.limit";

    /** The sentence a 413 answer ends with. */
    public String describe() {
        return "this route accepts at most " + bytes + " bytes (" + setting + ")";
    }
}
