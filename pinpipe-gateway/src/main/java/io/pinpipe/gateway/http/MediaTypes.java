package io.pinpipe.gateway.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/**
 * Content types of the REST Proxy v2 API, with Confluent's rules: the request's {@code Content-Type} picks the
 * embedded format of produce requests; the {@code Accept} header is negotiated to the response type.
 */
public final class MediaTypes {

    public static final String V2 = "application/vnd.kafka.v2+json";
    public static final String V2_JSON = "application/vnd.kafka.json.v2+json";
    public static final String V2_BINARY = "application/vnd.kafka.binary.v2+json";
    public static final String JSON = "application/json";

    /** The embedded format of a v2 produce request. */
    public enum EmbeddedFormat { JSON, BINARY, AVRO, JSONSCHEMA, PROTOBUF }

    private MediaTypes() {
    }

    /**
     * The embedded format the request's Content-Type names. As in the Confluent REST Proxy, the generic types
     * ({@code application/vnd.kafka.v2+json}, {@code application/vnd.kafka+json}, {@code application/json},
     * {@code application/octet-stream}) mean binary (base64) data. Anything else is a 415.
     */
    public static EmbeddedFormat produceFormat(RoutingContext context) {
        String type = baseType(context.request().getHeader(HttpHeaders.CONTENT_TYPE));
        return switch (type) {
            case V2_JSON -> EmbeddedFormat.JSON;
            case V2_BINARY, V2, "application/vnd.kafka+json", JSON, "application/octet-stream" ->
                    EmbeddedFormat.BINARY;
            case "application/vnd.kafka.avro.v2+json" -> EmbeddedFormat.AVRO;
            case "application/vnd.kafka.jsonschema.v2+json" -> EmbeddedFormat.JSONSCHEMA;
            case "application/vnd.kafka.protobuf.v2+json" -> EmbeddedFormat.PROTOBUF;
            default -> throw unsupported(type, V2_JSON + " or " + V2_BINARY);
        };
    }

    /** Requires {@code application/json} (v3 produce). */
    public static void requireJson(RoutingContext context) {
        String type = baseType(context.request().getHeader(HttpHeaders.CONTENT_TYPE));
        if (!JSON.equals(type)) {
            throw unsupported(type, JSON);
        }
    }

    /**
     * The response type of a v2 route for the request's Accept header: {@value #V2} unless the client accepts only
     * {@code application/json}; a 406 when it accepts neither.
     */
    public static String negotiateV2(RoutingContext context) {
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return V2;
        }
        boolean json = false;
        for (String part : accept.split(",")) {
            String type = baseType(part);
            if (!acceptable(part)) {
                continue;
            }
            switch (type) {
                case V2, "application/vnd.kafka+json", "application/*", "*/*" -> {
                    return V2;
                }
                case JSON -> json = true;
                default -> {
                }
            }
        }
        if (json) {
            return JSON;
        }
        throw new RestException(406, 406, "cannot answer with any of the accepted types '" + accept + "'; this route"
                + " answers " + V2 + " or " + JSON);
    }

    /** The response type of a v3 route: JSON, or a 406. */
    public static String negotiateV3(RoutingContext context) {
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        for (String part : accept.split(",")) {
            String type = baseType(part);
            if (acceptable(part) && (type.equals(JSON) || type.equals("application/*") || type.equals("*/*"))) {
                return JSON;
            }
        }
        throw new RestException(406, 406, "cannot answer with any of the accepted types '" + accept + "'; this route"
                + " answers " + JSON);
    }

    private static boolean acceptable(String part) {
        for (String parameter : part.split(";")) {
            String trimmed = parameter.trim().toLowerCase(Locale.ROOT);
            if (trimmed.startsWith("q=")) {
                try {
                    return Double.parseDouble(trimmed.substring(2)) > 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String baseType(String header) {
        if (header == null) {
            return "";
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static RestException unsupported(String type, String expected) {
        return new RestException(415, 415, "unsupported Content-Type '" + type + "'; send " + expected);
    }
}
