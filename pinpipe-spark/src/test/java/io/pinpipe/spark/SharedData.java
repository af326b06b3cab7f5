package io.pinpipe.spark;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's {@code ../shared} folder (the real sample) from the module folder: walks up to the folder
 * whose {@code pom.xml} is {@code pinpipe-parent} and looks next to it. Tests skip when it is absent, except on CI
 * ({@code CI=true}), where its absence fails them.
 */
public final class SharedData {

    private SharedData() {
    }

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
