package io.pinpipe.spark.questions;

import io.pinpipe.spark.CleanTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.function.Function;

/**
 * One of the eight questions (question 3 has two parts): a name used for its result files, a title, how to chart
 * it, and the query.
 *
 * @param name  file-name-safe id, e.g. {@code q1_popular_category_by_country}
 * @param title the question in words
 * @param chart how the report draws the answer
 * @param query the answer, ordered by its grouping key
 */
public record Question(String name, String title, Chart chart, Function<CleanTables, Dataset<Row>> query) {

    public Dataset<Row> answer(CleanTables tables) {
        return query.apply(tables);
    }

    /**
     * How a result is drawn: bars of {@code value} labelled by {@code labels}, a line over years, or a table with a
     * bar in each row (for per-country answers, where a map would need geodata the report cannot fetch).
     */
    public record Chart(Kind kind, List<String> labels, String value) {
    }

    public enum Kind {
        BARS, LINE, TABLE_WITH_BARS
    }
}
