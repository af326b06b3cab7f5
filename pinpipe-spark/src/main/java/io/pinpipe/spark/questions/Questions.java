package io.pinpipe.spark.questions;

import io.pinpipe.common.SourceTable;
import io.pinpipe.spark.CleanTables;
import io.pinpipe.spark.questions.Question.Chart;
import io.pinpipe.spark.questions.Question.Kind;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.year;

/**
 * The eight questions of the course, with semantics every run and every engine agrees on (docs/batch.md):
 * <ul>
 *   <li>Tables join on {@code ind}; posts (1, 2, 4) count once per {@code ind} (the clean tables hold one row per
 *       {@code ind}).</li>
 *   <li>Questions 5-8 count people, not posts: see {@link People}.</li>
 *   <li>"Most popular" and "most followers" return every tied row, never an arbitrary one.</li>
 *   <li>Medians are exact: the middle value, or the mean of the two middle values for an even count.</li>
 *   <li>Nulls never count as a category, a country, a poster or a follower count.</li>
 *   <li>Results are ordered by their grouping key; age groups in {@link AgeGroups#ORDER}.</li>
 * </ul>
 */
public final class Questions {

    public static final int FIRST_POST_YEAR = 2018;
    public static final int LAST_POST_YEAR = 2022;
    public static final int FIRST_JOIN_YEAR = 2015;
    public static final int LAST_JOIN_YEAR = 2020;

    private Questions() {
    }

    /**
     * The columns the questions read from each clean table, the only ones the batch job keeps in memory for them
     * (the pin table's texts are most of its bytes). A question that needs another column must add it here.
     */
    public static List<String> columnsRead(SourceTable table) {
        return switch (table) {
            case PIN -> List.of("ind", "category", "poster_name", "follower_count");
            case GEO -> List.of("ind", "timestamp", "country");
            case USER -> List.of("ind", "user_name", "age", "date_joined");
        };
    }

    /** Every question in order; question 3 is two results. */
    public static List<Question> all() {
        return List.of(
                new Question("q1_popular_category_by_country", "1. Most popular category in each country",
                        new Chart(Kind.COUNTRY_MAP_BY_LABEL, List.of("country", "category"), "category_count"),
                        Questions::popularCategoryByCountry),
                new Question("q2_popular_category_by_year", "2. Most popular category each year, 2018-2022",
                        new Chart(Kind.BARS, List.of("post_year", "category"), "category_count"),
                        Questions::popularCategoryByYear),
                new Question("q3_top_poster_by_country", "3a. Poster with the most followers in each country",
                        new Chart(Kind.COUNTRY_MAP_BY_VALUE, List.of("country", "poster_name"), "follower_count"),
                        Questions::topPosterByCountry),
                new Question("q3_country_with_top_poster", "3b. Country whose top poster has the most followers",
                        new Chart(Kind.BARS, List.of("country", "poster_name"), "follower_count"),
                        Questions::countryWithTopPoster),
                new Question("q4_popular_category_by_age_group", "4. Most popular category in each age group",
                        new Chart(Kind.BARS, List.of("age_group", "category"), "category_count"),
                        Questions::popularCategoryByAgeGroup),
                new Question("q5_median_followers_by_age_group", "5. Median follower count in each age group",
                        new Chart(Kind.BARS, List.of("age_group"), "median_follower_count"),
                        Questions::medianFollowersByAgeGroup),
                new Question("q6_users_joined_by_year", "6. People who joined each year, 2015-2020",
                        new Chart(Kind.LINE, List.of("join_year"), "number_users_joined"),
                        Questions::usersJoinedByYear),
                new Question("q7_median_followers_by_join_year", "7. Median follower count by joining year,"
                        + " 2015-2020", new Chart(Kind.BARS, List.of("join_year"), "median_follower_count"),
                        Questions::medianFollowersByJoinYear),
                new Question("q8_median_followers_by_age_group_and_join_year", "8. Median follower count by age"
                        + " group and joining year, 2015-2020",
                        new Chart(Kind.BARS, List.of("age_group", "join_year"), "median_follower_count"),
                        Questions::medianFollowersByAgeGroupAndJoinYear));
    }

    /**
     * Question 1: per country, the category with the most posts (posts joined to their geo row on {@code ind}).
     * Columns {@code country, category, category_count}; every tied category; ordered by country, category.
     */
    public static Dataset<Row> popularCategoryByCountry(CleanTables tables) {
        Dataset<Row> posts = postsWithGeo(tables).where(col("country").isNotNull().and(col("category").isNotNull()));
        Dataset<Row> counts = posts.groupBy("country", "category").agg(count(lit(1)).as("category_count"));
        return topWithTies(counts, col("country"), col("category_count"))
                .orderBy(col("country"), col("category"));
    }

    /**
     * Question 2: per post year 2018-2022 (year of the geo {@code timestamp}), the category with the most posts.
     * Columns {@code post_year, category, category_count}; every tied category; ordered by year, category. Years
     * without posts are absent.
     */
    public static Dataset<Row> popularCategoryByYear(CleanTables tables) {
        Dataset<Row> posts = postsWithGeo(tables).where(col("category").isNotNull())
                .withColumn("post_year", year(col("timestamp")))
                .where(col("post_year").between(FIRST_POST_YEAR, LAST_POST_YEAR));
        Dataset<Row> counts = posts.groupBy("post_year", "category").agg(count(lit(1)).as("category_count"));
        return topWithTies(counts, col("post_year"), col("category_count"))
                .orderBy(col("post_year"), col("category"));
    }

    /**
     * Question 3a: per country, the {@code poster_name} with the highest {@code follower_count} among posts located
     * in that country. Columns {@code country, poster_name, follower_count}; every tied poster, each once; ordered by
     * country, poster.
     */
    public static Dataset<Row> topPosterByCountry(CleanTables tables) {
        Dataset<Row> posters = postsWithGeo(tables)
                .where(col("country").isNotNull().and(col("poster_name").isNotNull())
                        .and(col("follower_count").isNotNull()))
                .select("country", "poster_name", "follower_count").distinct();
        return topWithTies(posters, col("country"), col("follower_count"))
                .orderBy(col("country"), col("poster_name"));
    }

    /**
     * Question 3b: the country (or tied countries) whose top poster (3a) has the most followers. Columns
     * {@code country, poster_name, follower_count}; ordered by country, poster.
     */
    public static Dataset<Row> countryWithTopPoster(CleanTables tables) {
        Dataset<Row> top = topPosterByCountry(tables);
        Dataset<Row> highest = top.agg(max(col("follower_count")).as("highest"));
        return top.join(highest, top.col("follower_count").equalTo(highest.col("highest")))
                .select("country", "poster_name", "follower_count")
                .orderBy(col("country"), col("poster_name"));
    }

    /**
     * Question 4: per age group of the post's user (joined on {@code ind}), the category with the most posts.
     * Columns {@code age_group, category, category_count}; every tied category; ordered by age group, category.
     */
    public static Dataset<Row> popularCategoryByAgeGroup(CleanTables tables) {
        Dataset<Row> posts = tables.pin().join(tables.user(), "ind").where(col("category").isNotNull())
                .withColumn("age_group", AgeGroups.of(col("age")));
        Dataset<Row> counts = posts.groupBy("age_group", "category").agg(count(lit(1)).as("category_count"));
        return topWithTies(counts, col("age_group"), col("category_count"))
                .orderBy(AgeGroups.position(col("age_group")), col("category"));
    }

    /**
     * Question 5: per age group, the exact median of people's follower counts (each person once, see
     * {@link People}). Columns {@code age_group, median_follower_count, people} where {@code people} counts the
     * people with a known follower count; a group with people but no known count has a null median.
     */
    public static Dataset<Row> medianFollowersByAgeGroup(CleanTables tables) {
        return People.of(tables).withColumn("age_group", AgeGroups.of(col("age")))
                .groupBy("age_group")
                .agg(median(col("follower_count")).as("median_follower_count"),
                        count(col("follower_count")).as("people"))
                .orderBy(AgeGroups.position(col("age_group")));
    }

    /**
     * Question 6: people who joined in each year 2015-2020 (year of {@code date_joined}), each person once. Columns
     * {@code join_year, number_users_joined}; every year of the range, 0 where nobody joined.
     */
    public static Dataset<Row> usersJoinedByYear(CleanTables tables) {
        Dataset<Row> joined = People.of(tables).withColumn("join_year", year(col("date_joined")))
                .where(col("join_year").between(FIRST_JOIN_YEAR, LAST_JOIN_YEAR))
                .groupBy("join_year").agg(count(lit(1)).as("joined"));
        Dataset<Row> years = tables.user().sparkSession().range(FIRST_JOIN_YEAR, LAST_JOIN_YEAR + 1)
                .select(col("id").cast("int").as("year"));
        return years.join(joined, years.col("year").equalTo(joined.col("join_year")), "left")
                .select(col("year").as("join_year"), coalesce(col("joined"), lit(0L)).as("number_users_joined"))
                .orderBy("join_year");
    }

    /**
     * Question 7: per joining year 2015-2020, the exact median of people's follower counts. Columns
     * {@code join_year, median_follower_count, people}; years with nobody are absent.
     */
    public static Dataset<Row> medianFollowersByJoinYear(CleanTables tables) {
        return peopleByJoinYear(tables).groupBy("join_year")
                .agg(median(col("follower_count")).as("median_follower_count"),
                        count(col("follower_count")).as("people"))
                .orderBy("join_year");
    }

    /**
     * Question 8: per age group and joining year 2015-2020, the exact median of people's follower counts. Columns
     * {@code age_group, join_year, median_follower_count, people}; ordered by age group, then year.
     */
    public static Dataset<Row> medianFollowersByAgeGroupAndJoinYear(CleanTables tables) {
        return peopleByJoinYear(tables).withColumn("age_group", AgeGroups.of(col("age")))
                .groupBy("age_group", "join_year")
                .agg(median(col("follower_count")).as("median_follower_count"),
                        count(col("follower_count")).as("people"))
                .orderBy(AgeGroups.position(col("age_group")), col("join_year"))
                .select("age_group", "join_year", "median_follower_count", "people");
    }

    private static Dataset<Row> postsWithGeo(CleanTables tables) {
        return tables.pin().join(tables.geo(), "ind");
    }

    private static Dataset<Row> peopleByJoinYear(CleanTables tables) {
        return People.of(tables).withColumn("join_year", year(col("date_joined")))
                .where(col("join_year").between(FIRST_JOIN_YEAR, LAST_JOIN_YEAR));
    }

    /** The rows with the highest {@code value} in each {@code group}, ties included. */
    private static Dataset<Row> topWithTies(Dataset<Row> rows, Column group, Column value) {
        Column rank = rank().over(Window.partitionBy(group).orderBy(value.desc()));
        return rows.withColumn("_rank", rank).where(col("_rank").equalTo(1)).drop("_rank");
    }
}
