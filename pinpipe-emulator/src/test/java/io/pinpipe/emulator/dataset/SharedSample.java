package io.pinpipe.emulator.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real sample in {@code ../shared/data/real-sample}, found next to the project root (the folder whose
 * {@code pom.xml} is {@code pinpipe-parent}). Tests that need it skip when it is absent, and fail when
 * {@code CI=true}.
 */
final class SharedSample {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedSample() {
    }

    static Path folder() {
        Path root = projectRoot();
        Path sample = root == null ? null : root.resolve("../shared/data/real-sample").normalize();
        boolean present = sample != null && Files.isRegularFile(sample.resolve("pinterest_data.jsonl"));
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("CI=true but the real sample ../shared/data/real-sample is missing next to the project root " + root);
        }
        assumeTrue(present, "skipped: ../shared/data/real-sample not found next to the project root");
        return sample;
    }

    static List<String> lines(String file) {
        try {
            return Files.readAllLines(folder().resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row of a sample file as a map of column to value (ints as Integer, floats as Double). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Path file) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                rows.add(JSON.readValue(line, Map.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path pom = dir.resolve("pom.xml");
            try {
                String text = Files.isRegularFile(pom) ? Files.readString(pom) : "";
                if (text.contains("<artifactId>pinpipe-parent</artifactId>") && !text.contains("<parent>")) {
                    return dir;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dir = dir.getParent();
        }
        return null;
    }
}
