package io.pinpipe.spark.questions;

import io.pinpipe.spark.CleanTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

/**
 * The people behind the posts. {@code ind} is a post id and one person posts many times, so a person is a distinct
 * {@code (user_name, age, date_joined)}; their follower count is the highest {@code follower_count} on their posts
 * (joined on {@code ind}), null when none of their posts has one.
 */
public final class People {

    private People() {
    }

    /** Columns {@code user_name, age, date_joined, follower_count}: one row per person in the user table. */
    public static Dataset<Row> of(CleanTables tables) {
        Dataset<Row> posts = tables.user().join(tables.pin().select("ind", "follower_count"),
                tables.user().col("ind").equalTo(tables.pin().col("ind")), "left");
        return posts.groupBy(col("user_name"), col("age"), col("date_joined"))
                .agg(max(col("follower_count")).as("follower_count"));
    }
}
