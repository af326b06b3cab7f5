package io.pinpipe.gateway.front;

import io.pinpipe.gateway.http.ErrorCodes;
import io.pinpipe.gateway.http.RestException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Per-client token buckets, like API Gateway's throttling: {@code ratePerSecond} steady, {@code burst} at once.
 * The client is the API key when keys are on, otherwise the client IP. A request over the limit gets 429 with
 * Retry-After. The clock is passed in so tests control time.
 */
public final class RateLimiter implements Handler<RoutingContext> {

    /** Forget all buckets when this many clients were seen: memory stays bounded whatever the traffic. */
    private static final int MAX_CLIENTS = 100_000;

    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int ratePerSecond, int burst, LongSupplier nanoClock) {
        this.ratePerNano = ratePerSecond / (double) TimeUnit.SECONDS.toNanos(1);
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    @Override
    public void handle(RoutingContext context) {
        String identity = context.get(ApiKeyCheck.IDENTITY);
        if (identity == null) {
            identity = "ip:" + context.request().remoteAddress().hostAddress();
        }
        if (tryAcquire(identity)) {
            context.next();
        } else {
            context.fail(new RestException(429, ErrorCodes.RATE_LIMITED, "Too Many Requests: the rate limit of this"
                    + " client is exceeded; retry after the Retry-After delay"));
        }
    }

    /** Takes one token from the client's bucket; false when it is empty. */
    public boolean tryAcquire(String identity) {
        if (buckets.size() > MAX_CLIENTS) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(identity, key -> new Bucket(burst, nanoClock.getAsLong()))
                .take(nanoClock.getAsLong());
    }

    private final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }

        synchronized boolean take(long now) {
            tokens = Math.min(burst, tokens + (now - lastNanos) * ratePerNano);
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
