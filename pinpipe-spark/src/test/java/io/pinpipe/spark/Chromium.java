package io.pinpipe.spark;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian package {@code chromium}) taking a screenshot of a local page. Tests skip when it is
 * missing, except on CI ({@code CI=true}) where {@code .ci/install-test-tools} installs it.
 */
public final class Chromium {

    private Chromium() {
    }

    public static Path binary() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("chromium is missing; .ci/install-test-tools installs it");
        }
        Assumptions.abort("chromium is not installed (apt-get install chromium): skipping the render check");
        return null;
    }

    /** Opens {@code page} offline and writes a 1200x3000 PNG screenshot; returns the screenshot. */
    public static Path screenshot(Path page, Path dir) throws IOException, InterruptedException {
        Path png = dir.resolve("screenshot.png");
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> command = List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--screenshot=" + png, "--window-size=1200,3000",
                page.toUri().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish in 2 minutes");
        }
        return png;
    }
}
