package io.pinpipe.cli.schedule;

import java.time.Duration;

/** Waiting, as a seam: the real one sleeps, the tests' one moves a fake clock. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis());
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
