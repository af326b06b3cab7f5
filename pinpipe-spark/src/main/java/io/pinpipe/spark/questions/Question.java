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
     * How a result is drawn: bars of {@code value} labelled by {@code labels}, a line over years, or, for a
     * per-country answer ({@code labels} starting with the country column), a world map above the table.
     */
    public record Chart(Kind kind, List<String> labels, String value) {
    }

    public enum Kind {
        BARS,
        LINE,
        /** A world map, each country coloured by its answer's second label (e.g. the category). */
        COUNTRY_MAP_BY_LABEL,
        /** A world map, each country coloured by its value on a scale (e.g. follower counts). */
        COUNTRY_MAP_BY_VALUE
    }
}
