package io.pinpipe.emulator.post;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void backoffDoublesWithJitterAndStopsAtTheCap() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delay(1, null).toMillis()).isBetween(50L, 100L);
            assertThat(policy.delay(3, null).toMillis()).isBetween(200L, 400L);
            assertThat(policy.delay(30, null).toMillis()).isBetween(500L, 1_000L);
        }
    }

    @Test
    void retryAfterIsNeverUndercutButIsCapped() {
        assertThat(policy.delay(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delay(1, Duration.ofHours(1))).isEqualTo(RetryPolicy.MAX_RETRY_AFTER);
    }

    @Test
    void attemptsAreCountedFromOne() {
        assertThat(policy.mayRetry(3)).isTrue();
        assertThat(policy.mayRetry(4)).isFalse();
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        assertThat(ResponseReader.parseRetryAfter("2")).contains(Duration.ofSeconds(2));
        assertThat(ResponseReader.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(ResponseReader.parseRetryAfter("soon")).isEmpty();
    }
}
