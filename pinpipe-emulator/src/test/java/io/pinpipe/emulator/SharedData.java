package io.pinpipe.emulator;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's shared folder ({@code ../shared} beside the project root), found by walking up to the directory whose
 * {@code pom.xml} is {@code pinpipe-parent}. Tests that need it skip when it is absent, and fail when {@code CI=true}.
 */
public final class SharedData {

    private SharedData() {
    }

    /** {@code shared/data/real-sample}. */
    public static Path realSample() {
        return shared().resolve("data").resolve("real-sample");
    }

    public static Path shared() {
        Path root = projectRoot();
        Path shared = root == null ? null : root.resolveSibling("shared");
        boolean present = shared != null && Files.isDirectory(shared.resolve("data").resolve("real-sample"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but ../shared/data/real-sample is missing beside the project root "
                    + root);
        }
        Assumptions.assumeTrue(present, "skipped: ../shared/data/real-sample is not beside the project root " + root);
        return shared;
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom)) {
                    String text = Files.readString(pom);
                    if (text.contains("<artifactId>pinpipe-parent</artifactId>") && !text.contains("<parent>")) {
                        return dir;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }
}
