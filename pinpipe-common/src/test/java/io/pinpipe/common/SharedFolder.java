package io.pinpipe.common;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's {@code ../shared} folder, for the tests of every module: found by walking up from the module folder
 * to the folder whose {@code pom.xml} is {@code pinpipe-parent} and looking next to it. It sits beside the project
 * in developers' checkouts and in CI, not in a user's clone: tests skip when it is absent, except on CI
 * ({@code CI=true}), where its absence fails them.
 */
public final class SharedFolder {

    private SharedFolder() {
    }

    /** {@code ../shared/data/real-sample}: the real pin rows, geo and user tables, and their published clean rows. */
    public static Path realSample() {
        Path shared = shared();
        Path sample = shared == null ? null : shared.resolve("data/real-sample");
        if (sample == null || !Files.isDirectory(sample)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("../shared/data/real-sample is missing; CI needs it");
            }
            Assumptions.abort("../shared/data/real-sample is absent: skipping the real-sample test");
        }
        return sample;
    }

    private static Path shared() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path pom = dir.resolve("pom.xml");
            try {
                String text = Files.isRegularFile(pom) ? Files.readString(pom) : "";
                if (text.contains("<artifactId>pinpipe-parent") && !text.contains("<parent>")) {
                    return dir.resolveSibling("shared");
                }
            } catch (IOException e) {
                return null;
            }
            dir = dir.getParent();
        }
        return null;
    }
}
