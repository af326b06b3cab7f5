package io.pinpipe.gateway;

import io.pinpipe.gateway.config.GatewayConfig;
import io.pinpipe.gateway.config.GatewayKeys;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.handler.CorsHandler;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** CORS as API Gateway's "Enable CORS" does it, configured with Confluent's {@code access.control.*} keys. */
final class Cors {

    private Cors() {
    }

    static Optional<CorsHandler> handler(GatewayConfig config) {
        List<String> origins = split(config.get(GatewayKeys.CORS_ORIGIN));
        if (origins.isEmpty()) {
            return Optional.empty();
        }
        CorsHandler handler = CorsHandler.create();
        if (!origins.contains("*")) {
            origins.forEach(handler::addOrigin);
        }
        Set<HttpMethod> methods = split(config.get(GatewayKeys.CORS_METHODS)).stream().map(HttpMethod::valueOf)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        handler.allowedMethods(methods);
        handler.allowedHeaders(new LinkedHashSet<>(split(config.get(GatewayKeys.CORS_HEADERS))));
        handler.exposedHeaders(Set.of("Retry-After"));
        handler.maxAgeSeconds(600);
        return Optional.of(handler);
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }
}
