package io.pinpipe.gateway.consumer;

import io.vertx.core.MultiMap;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code base_uri} of a new consumer instance, as the client reached the gateway: scheme and host from
 * {@code X-Forwarded-Proto} / {@code X-Forwarded-Host} when a proxy set them, else from the request; and whatever
 * came before {@code /consumers/} in the request path (a stage prefix such as {@code /test}), after any
 * {@code X-Forwarded-Prefix}.
 */
final class BaseUri {

    private static final String CONSUMERS = "/consumers/";

    private BaseUri() {
    }

    /**
     * @param scheme    the request's own scheme ({@code http} or {@code https})
     * @param authority the request's own host and port, used when no header names one
     * @param rawPath   the request path as sent (still percent-encoded)
     */
    static String of(MultiMap headers, String scheme, String authority, String rawPath, String group, String name) {
        String proto = firstValue(headers.get("X-Forwarded-Proto"));
        String host = firstValue(headers.get("X-Forwarded-Host"));
        if (host == null) {
            host = firstValue(headers.get("Host"));
        }
        String forwardedPrefix = firstValue(headers.get("X-Forwarded-Prefix"));
        int at = rawPath == null ? -1 : rawPath.lastIndexOf(CONSUMERS);
        String pathPrefix = at > 0 ? rawPath.substring(0, at) : "";
        return (proto != null ? proto : scheme) + "://" + (host != null ? host : authority)
                + stripTrailingSlash(forwardedPrefix) + pathPrefix + CONSUMERS + encode(group) + "/instances/"
                + encode(name);
    }

    private static String firstValue(String header) {
        if (header == null) {
            return null;
        }
        String first = header.split(",", 2)[0].trim();
        return first.isEmpty() ? null : first;
    }

    private static String stripTrailingSlash(String prefix) {
        if (prefix == null) {
            return "";
        }
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return trimmed.isEmpty() || trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
