package io.pinpipe.cli.schedule;

import java.time.Duration;

/**
 * How often a failed run is tried again and how long to wait in between. The defaults are the course's DAG:
 * {@code retries=2, retry_delay=timedelta(minutes=2)}.
 */
public record RetryPolicy(int retries, Duration delay) {

    public static final RetryPolicy COURSE_DAG = new RetryPolicy(2, Duration.ofMinutes(2));

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, was " + retries);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("retry delay must not be negative, was " + delay);
        }
    }

    public int attempts() {
        return retries + 1;
    }
}
