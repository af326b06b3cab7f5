package io.pinpipe.cli.pipeline;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a result file of the batch job ({@code <results>/<question>.json}: an array of objects, one per row, keys in
 * column order) and puts rows in a form that compares exactly with {@link Answer} rows: every number as its exact
 * decimal value ({@link Exact}), so {@code 32000.0} equals 32000 and {@code 32500.5} equals only itself.
 */
public final class ResultsJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ResultsJson() {
    }

    /** The file's column names, from its first row; empty for an empty answer. */
    public static List<String> columns(Path file) {
        JsonNode rows = read(file);
        List<String> columns = new ArrayList<>();
        if (!rows.isEmpty()) {
            rows.get(0).fieldNames().forEachRemaining(columns::add);
        }
        return columns;
    }

    /** The file's rows, values in column order, numbers normalised. */
    public static List<List<Object>> rows(Path file) {
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode object : read(file)) {
            List<Object> row = new ArrayList<>();
            for (Iterator<JsonNode> values = object.elements(); values.hasNext(); ) {
                row.add(value(values.next()));
            }
            rows.add(Collections.unmodifiableList(row));
        }
        return rows;
    }

    /** An answer's rows with numbers normalised the same way. */
    public static List<List<Object>> normalised(Answer answer) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : answer.rows()) {
            List<Object> values = new ArrayList<>();
            for (Object value : row) {
                values.add(number(value));
            }
            rows.add(values);
        }
        return rows;
    }

    private static Object value(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return Exact.of(node.decimalValue());
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        throw new IllegalArgumentException("a result value is neither null, a number nor text: " + node);
    }

    private static Object number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return Exact.of(decimal);
        }
        if (value instanceof Long || value instanceof Integer) {
            return Exact.of(new BigDecimal(value.toString()));
        }
        return value;
    }

    /** A number by its exact value, written plainly ({@code 4647.5}, {@code 2020}) so a failure reads well. */
    public record Exact(String value) {

        static Exact of(BigDecimal number) {
            return new Exact(number.stripTrailingZeros().toPlainString());
        }

        @Override
        public String toString() {
            return value;
        }
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode rows = JSON.readTree(file.toFile());
            if (!rows.isArray()) {
                throw new IllegalArgumentException(file + " is not a JSON array");
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the result file " + file, e);
        }
    }
}
