package io.pinpipe.spark;

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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain-Java readings of the real sample, independent of Spark, that the end-to-end tests compare the job's
 * output with.
 */
final class SampleFacts {

    static final ObjectMapper JSON = new ObjectMapper();

    private SampleFacts() {
    }

    static List<JsonNode> rows(Path file) {
        try {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> raw(Path sample, SourceTable table) {
        return rows(sample.resolve(switch (table) {
            case PIN -> "pinterest_data.jsonl";
            case GEO -> "geolocation_data.jsonl";
            case USER -> "user_data.jsonl";
        }));
    }

    /** Rows keyed by {@code key}. */
    static Map<Integer, JsonNode> byKey(Collection<JsonNode> rows, String key) {
        Map<Integer, JsonNode> result = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            result.putIfAbsent(row.get(key).asInt(), row);
        }
        return result;
    }

    /** {@code "12k"} → 12000 etc.; null for anything else. Written independently of {@link Cleaning}. */
    static Long followers(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        char last = text.charAt(text.length() - 1);
        String digits = Character.isDigit(last) ? text : text.substring(0, text.length() - 1);
        if (!digits.chars().allMatch(Character::isDigit) || digits.isEmpty()) {
            return null;
        }
        long value = Long.parseLong(digits);
        return switch (last) {
            case 'k' -> value * 1_000;
            case 'M' -> value * 1_000_000;
            default -> Character.isDigit(last) ? value : null;
        };
    }

    /** The exact median of some numbers. */
    static Double median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle).doubleValue()
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    static String ageGroup(Integer age) {
        if (age == null) {
            return "unknown";
        }
        return age < 18 ? "<18" : age <= 24 ? "18-24" : age <= 35 ? "25-35" : age <= 50 ? "36-50" : "+50";
    }

    /** A value in one comparable text form: numbers without trailing zeros, lists element by element. */
    static String canonical(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof JsonNode node) {
            if (node.isNull()) {
                return "null";
            }
            if (node.isNumber()) {
                return canonical(node.decimalValue());
            }
            if (node.isArray()) {
                List<Object> items = new ArrayList<>();
                node.forEach(items::add);
                return canonical(items);
            }
            return "\"" + node.asText() + "\"";
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                items.add(canonical(item));
            }
            return items.toString();
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            return canonical(scala.jdk.javaapi.CollectionConverters.asJava(seq));
        }
        return "\"" + value + "\"";
    }
}
