package io.pinpipe.emulator.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpipe.common.TestData;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real sample the repository carries ({@link TestData#realSample()}), read as lines or rows. */
final class RealSampleRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RealSampleRows() {
    }

    static Path folder() {
        return TestData.realSample();
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
}
