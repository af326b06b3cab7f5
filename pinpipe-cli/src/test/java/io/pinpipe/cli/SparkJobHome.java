package io.pinpipe.cli;

import io.pinpipe.common.TestData;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pinpipe home for tests that run the Spark job in its child JVM. The job must be built there: pinpipe-cli's
 * test-scope dependency on pinpipe-spark makes every reactor build ({@code mvn verify}, or {@code -pl pinpipe-cli -am})
 * package it first, so a missing jar is a broken build, and the test fails rather than skips.
 */
public final class SparkJobHome {

    private SparkJobHome() {
    }

    public static Path get() {
        Path home = TestData.projectRoot();
        Path jar = home.resolve("pinpipe-spark/target/pinpipe-spark.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: build pinpipe-spark in this reactor (-pl pinpipe-cli -am)");
        }
        return home;
    }
}
