package io.pinpipe.cli.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One answer of the eight questions: the result file's name, its columns and its rows in order. Values are strings,
 * {@link Long} counts, {@link Integer} years and follower counts, {@link java.math.BigDecimal} medians, or null.
 */
public record Answer(String name, List<String> columns, List<List<Object>> rows) {

    public Answer {
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableList(new ArrayList<>(rows));
    }

    /** A row from values in column order; nulls allowed. */
    public static List<Object> row(Object... values) {
        return Collections.unmodifiableList(Arrays.asList(values));
    }
}
