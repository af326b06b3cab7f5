package io.pinpipe.emulator.post;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again: exponential backoff with full jitter ({@code base * 2^(attempt-1)}, capped, times a random
 * factor in [0.5, 1)), and never sooner than the gateway's {@code Retry-After}, which is itself capped so that a
 * bad header cannot park the emulator.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap) {

    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    public static RetryPolicy withAttempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, Duration.ofMillis(100), Duration.ofSeconds(10));
    }

    /** True when a record that failed on attempt {@code attempt} (1 = the first) may be sent once more. */
    public boolean mayRetry(int attempt) {
        return attempt < maxAttempts;
    }

    /** The wait after failed attempt {@code attempt}. */
    public Duration delay(int attempt, Duration retryAfter) {
        long exponential = base.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(exponential, cap.toMillis());
        long jittered = (long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble() / 2));
        if (retryAfter != null) {
            long asked = Math.min(retryAfter.toMillis(), MAX_RETRY_AFTER.toMillis());
            return Duration.ofMillis(Math.max(asked, jittered));
        }
        return Duration.ofMillis(jittered);
    }
}
