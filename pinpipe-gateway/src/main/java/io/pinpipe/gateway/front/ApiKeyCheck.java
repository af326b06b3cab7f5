package io.pinpipe.gateway.front;

import io.pinpipe.gateway.http.RestException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * API Gateway's API keys: a request must carry one of the configured keys in {@code x-api-key}, or it is refused
 * with 403. Keys are compared in constant time and never logged. The accepted key becomes the request's identity
 * for rate limiting.
 */
public final class ApiKeyCheck implements Handler<RoutingContext> {

    /** The routing-context key under which the caller's identity (API key fingerprint or client IP) is kept. */
    public static final String IDENTITY = "pinpipe.identity";
    public static final String HEADER = "x-api-key";

    private final List<byte[]> keys;

    public ApiKeyCheck(Set<String> keys) {
        this.keys = keys.stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void handle(RoutingContext context) {
        String presented = context.request().getHeader(HEADER);
        if (presented == null || presented.isEmpty()) {
            context.fail(new RestException(403, 403, "Forbidden: this API needs an API key in the x-api-key header"));
            return;
        }
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(key, candidate);
        }
        if (!match) {
            context.fail(new RestException(403, 403, "Forbidden: the x-api-key is not valid"));
            return;
        }
        context.put(IDENTITY, "key:" + Integer.toHexString(presented.hashCode()));
        context.next();
    }
}
