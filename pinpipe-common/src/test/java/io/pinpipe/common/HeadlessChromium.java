package io.pinpipe.common;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian package {@code chromium}) driven through its command line: the page's DOM after its
 * scripts ran for a while, or a screenshot. Each call is one short-lived browser with its own profile. A test that
 * needs it is skipped when it is missing, except on CI ({@code CI=true}), where {@code .ci/install-test-tools}
 * installs it and a missing browser fails the test.
 */
public final class HeadlessChromium {

    private static final Duration LIMIT = Duration.ofMinutes(2);

    private final Path binary;
    private final Path workDir;

    private HeadlessChromium(Path binary, Path workDir) {
        this.binary = binary;
        this.workDir = workDir;
    }

    /** The installed browser, working (profiles, logs) under {@code workDir}. */
    public static HeadlessChromium in(Path workDir) {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return new HeadlessChromium(candidate, workDir);
                }
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("chromium is missing; .ci/install-test-tools installs it");
        }
        Assumptions.abort("chromium is not installed (apt-get install chromium): skipping the browser check");
        return null;
    }

    /**
     * Opens {@code page}, lets its scripts run for {@code scriptTime} of the browser's virtual time (which waits for
     * the page's network requests), and returns the DOM as HTML.
     */
    public String dumpDom(URI page, Duration scriptTime) throws IOException, InterruptedException {
        Path dom = Files.createTempFile(workDir, "dom", ".html");
        run(page, scriptTime, List.of("--dump-dom"), dom);
        return Files.readString(dom, StandardCharsets.UTF_8);
    }

    /** Opens {@code page} in a {@code width} x {@code height} window and writes a PNG of it to {@code png}. */
    public Path screenshot(URI page, Duration scriptTime, int width, int height, Path png)
            throws IOException, InterruptedException {
        run(page, scriptTime, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + ","
                + height, "--hide-scrollbars"), workDir.resolve("chromium-screenshot.log"));
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("chromium wrote no screenshot of " + page + "; see its log in " + workDir);
        }
        return png;
    }

    private void run(URI page, Duration scriptTime, List<String> action, Path output)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--virtual-time-budget=" + scriptTime.toMillis()));
        command.addAll(action);
        command.add(page.toString());
        Process process = new ProcessBuilder(command).redirectError(workDir.resolve("chromium.log").toFile())
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish " + page + " in " + LIMIT);
        }
    }
}
