package io.pinpipe.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The three clean tables the questions read, with the columns of {@link Cleaning#PIN_COLUMNS},
 * {@link Cleaning#GEO_COLUMNS} and {@link Cleaning#USER_COLUMNS}, one row per {@code ind}.
 */
public record CleanTables(Dataset<Row> pin, Dataset<Row> geo, Dataset<Row> user) {
}
