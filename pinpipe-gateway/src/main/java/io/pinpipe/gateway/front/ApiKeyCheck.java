package io.pinpipe.gateway.front;

import io.pinpipe.gateway.http.RestException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * API Gateway's API keys: a request must carry one of the configured keys in {@code x-api-key}, or it is refused
 * with 403. Keys are compared in constant time and never logged. The accepted key becomes the request's identity
 * for rate limiting, and its rights ({@link ApiKey}) are kept for the topic, group and admin checks.
 */
public final class ApiKeyCheck implements Handler<RoutingContext> {

    /** The routing-context key under which the caller's identity (API key fingerprint or client IP) is kept. */
    public static final String IDENTITY = "pinpipe.identity";
    /** The routing-context key under which the accepted {@link ApiKey} is kept. */
    public static final String KEY = "pinpipe.api.key";
    public static final String HEADER = "x-api-key";

    private final List<ApiKey> keys;
    private final List<byte[]> secrets;

    public ApiKeyCheck(List<ApiKey> keys) {
        this.keys = List.copyOf(keys);
        this.secrets = keys.stream().map(key -> key.secret().getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** The key the request was accepted with; empty when API keys are off. */
    public static Optional<ApiKey> of(RoutingContext context) {
        return Optional.ofNullable(context.get(KEY));
    }

    @Override
    public void handle(RoutingContext context) {
        String presented = context.request().getHeader(HEADER);
        if (presented == null || presented.isEmpty()) {
            context.fail(new RestException(403, 403, "Forbidden: this API needs an API key in the x-api-key header"));
            return;
        }
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        ApiKey matched = null;
        // Every key is compared, so the time taken does not tell which one (or how much of one) matched.
        for (int i = 0; i < secrets.size(); i++) {
            if (MessageDigest.isEqual(secrets.get(i), candidate)) {
                matched = keys.get(i);
            }
        }
        if (matched == null) {
            context.fail(new RestException(403, 403, "Forbidden: the x-api-key is not valid"));
            return;
        }
        context.put(IDENTITY, "key:" + Integer.toHexString(presented.hashCode()));
        context.put(KEY, matched);
        context.next();
    }
}
