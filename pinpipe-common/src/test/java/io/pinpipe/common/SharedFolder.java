package io.pinpipe.common;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's root folder and its {@code ../shared} folder, for the tests of every module. The root is the folder
 * above the module whose {@code pom.xml} is {@code pinpipe-parent}. {@code ../shared} sits beside it in developers'
 * checkouts and in CI, not in a user's clone: tests skip when it is absent, except on CI ({@code CI=true}), where its
 * absence fails them.
 */
public final class SharedFolder {

    private SharedFolder() {
    }

    /** The folder of the parent {@code pom.xml} (the docs, the deploy folder, the modules). */
    public static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                String text = Files.isRegularFile(pom) ? Files.readString(pom) : "";
                if (text.contains("<artifactId>pinpipe-parent</artifactId>") && !text.contains("<parent>")) {
                    return dir;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError("no pinpipe-parent pom.xml above " + Path.of("").toAbsolutePath());
    }

    /** {@code ../shared} beside the project root. */
    public static Path shared() {
        return present(projectRoot().resolveSibling("shared"), "../shared");
    }

    /** {@code ../shared/data/real-sample}: the real pin rows, geo and user tables, and their published clean rows. */
    public static Path realSample() {
        return present(shared().resolve("data/real-sample"), "../shared/data/real-sample");
    }

    private static Path present(Path folder, String name) {
        if (!Files.isDirectory(folder)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(name + " is missing beside the project root; CI needs it");
            }
            Assumptions.abort(name + " is absent beside the project root: skipping");
        }
        return folder;
    }
}
