package io.pinpipe.cli.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpipe.common.SourceTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real sample ({@code io.pinpipe.common.TestData#realSample()}) as the streaming tests send and compare it.
 */
final class RealSample {

    static final ObjectMapper JSON = new ObjectMapper();

    private RealSample() {
    }

    /** The raw lines of a table; datetimes in the wire form ({@code T}) on even lines, as the gateway gets both. */
    static List<String> lines(Path sample, SourceTable table) {
        List<String> lines = read(sample.resolve(switch (table) {
            case PIN -> "pinterest_data.jsonl";
            case GEO -> "geolocation_data.jsonl";
            case USER -> "user_data.jsonl";
        }));
        List<String> result = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            result.add(i % 2 == 0
                    ? line.replaceAll("\"(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2})\"", "\"$1T$2\"") : line);
        }
        return result;
    }

    static List<JsonNode> rows(Path file) {
        return rows(read(file));
    }

    static List<JsonNode> rows(List<String> lines) {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : lines) {
            try {
                rows.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + line, e);
            }
        }
        return rows;
    }

    /** A JSON value in one comparable text form: numbers without trailing zeros, arrays element by element. */
    static String canonical(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isNumber()) {
            return new BigDecimal(node.asText()).stripTrailingZeros().toPlainString();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items.toString();
        }
        return "\"" + node.asText() + "\"";
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
