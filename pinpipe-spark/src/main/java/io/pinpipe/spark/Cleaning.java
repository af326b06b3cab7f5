package io.pinpipe.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

/**
 * The cleaning rules of the clean tables (docs/batch.md, "What the job does"), as Spark column expressions and pure
 * {@code Dataset<Row> -> Dataset<Row>} functions, so the batch job and a Structured Streaming job apply exactly the
 * same rules. No UDFs: every rule is a built-in expression Spark can optimise and run on any executor.
 *
 * <p>The input of each {@code clean*} function is a dataset with the raw columns of {@link RawSchemas} (extra
 * columns are ignored); the output has exactly the clean table's columns in the documented order. Timestamps are
 * interpreted in the session time zone; the job runs in UTC.
 */
public final class Cleaning {

    /** Clean pin columns, in order. */
    public static final List<String> PIN_COLUMNS = List.of("ind", "unique_id", "title", "description",
            "follower_count", "poster_name", "tag_list", "is_image_or_video", "image_src", "save_location",
            "category");
    public static final List<String> GEO_COLUMNS = List.of("ind", "country", "coordinates", "timestamp");
    public static final List<String> USER_COLUMNS = List.of("ind", "user_name", "age", "date_joined");

    /** Plain digits up to 9 (fits an int), {@code Nk} up to 6 digits, {@code NM} up to 3 digits. */
    static final String PLAIN_COUNT = "^[0-9]{1,9}$";
    static final String THOUSANDS = "^([0-9]{1,6})k$";
    static final String MILLIONS = "^([0-9]{1,3})M$";

    private static final String SAVE_PREFIX = "^Local save in ";

    private Cleaning() {
    }

    /**
     * {@code "12k"} → 12000, {@code "1M"} → 1000000, {@code "159"} → 159; anything else (placeholders included)
     * → null. See {@link #isFollowerCount(Column)} to tell a bad value from a missing one.
     */
    public static Column followerCount(Column raw) {
        return when(raw.rlike(PLAIN_COUNT), raw.cast("int"))
                .when(raw.rlike(THOUSANDS), regexp_extract(raw, THOUSANDS, 1).cast("int").multiply(1000))
                .when(raw.rlike(MILLIONS), regexp_extract(raw, MILLIONS, 1).cast("int").multiply(1_000_000));
    }

    /** True when {@link #followerCount(Column)} can read the value. */
    public static Column isFollowerCount(Column raw) {
        return raw.rlike(PLAIN_COUNT).or(raw.rlike(THOUSANDS)).or(raw.rlike(MILLIONS));
    }

    /**
     * A datetime in either form, {@code YYYY-MM-DDTHH:MM:SS} or {@code YYYY-MM-DD HH:MM:SS}; null otherwise. The wire
     * form, the one the lake and the streams hold, is tried first: a failed parse costs an exception inside Spark,
     * and trying the database form first paid one for nearly every row. No text fits both forms, so the order
     * changes no value.
     */
    public static Column datetime(Column text) {
        return coalesce(try_to_timestamp(text, lit("yyyy-MM-dd'T'HH:mm:ss")),
                try_to_timestamp(text, lit("yyyy-MM-dd HH:mm:ss")));
    }

    /** Null when the value is one of {@code placeholders}, the value otherwise. */
    public static Column nullIfPlaceholder(Column value, List<String> placeholders) {
        if (placeholders.isEmpty()) {
            return value;
        }
        return when(value.isin(placeholders.toArray()), lit(null).cast("string")).otherwise(value);
    }

    /** {@code "Local save in /data/art"} → {@code "/data/art"}. */
    public static Column saveLocation(Column raw) {
        return regexp_replace(raw, SAVE_PREFIX, "");
    }

    /** {@code first_name + " " + last_name}; a missing part leaves the other, both missing gives null. */
    public static Column userName(Column firstName, Column lastName) {
        return nullif(concat_ws(" ", firstName, lastName), lit(""));
    }

    /** The pin table: placeholders nulled, follower counts as ints, {@code index} renamed {@code ind}. */
    public static Dataset<Row> cleanPins(Dataset<Row> raw, Placeholders placeholders) {
        Column followerText = nullIfPlaceholder(col("follower_count"), placeholders.of("follower_count"));
        return raw.select(
                col("index").as("ind"),
                text("unique_id", placeholders),
                text("title", placeholders),
                text("description", placeholders),
                followerCount(followerText).as("follower_count"),
                text("poster_name", placeholders),
                text("tag_list", placeholders),
                text("is_image_or_video", placeholders),
                nullIfPlaceholder(col("image_src"), placeholders.of("image_src")).as("image_src"),
                saveLocation(col("save_location")).as("save_location"),
                text("category", placeholders));
    }

    /** The geo table: {@code coordinates = [latitude, longitude]}, a typed timestamp. */
    public static Dataset<Row> cleanGeo(Dataset<Row> raw) {
        return raw.select(
                col("ind"),
                col("country"),
                array(col("latitude"), col("longitude")).as("coordinates"),
                datetime(col("timestamp")).as("timestamp"));
    }

    /** The user table: {@code user_name}, a typed {@code date_joined}. */
    public static Dataset<Row> cleanUsers(Dataset<Row> raw) {
        return raw.select(
                col("ind"),
                userName(col("first_name"), col("last_name")).as("user_name"),
                col("age"),
                datetime(col("date_joined")).as("date_joined"));
    }

    /**
     * One row per {@code ind} (the emulator posts the same row many times). When copies differ, the smallest row
     * by its values wins, so every run picks the same one. For batch data; a streaming job deduplicates with a
     * watermark instead.
     */
    public static Dataset<Row> onePerInd(Dataset<Row> clean) {
        String[] columns = clean.columns();
        List<String> values = Arrays.stream(columns).filter(name -> !"ind".equals(name)).toList();
        Column[] fields = values.stream().map(name -> col(name)).toArray(Column[]::new);
        Column[] unpacked = values.stream().map(name -> col("row." + name).as(name)).toArray(Column[]::new);
        Dataset<Row> grouped = clean.where(col("ind").isNotNull())
                .groupBy("ind").agg(min(struct(fields)).as("row"));
        Column[] ordered = new Column[columns.length];
        ordered[0] = col("ind");
        System.arraycopy(unpacked, 0, ordered, 1, unpacked.length);
        return grouped.select(ordered);
    }

    private static Column text(String column, Placeholders placeholders) {
        return nullIfPlaceholder(col(column), placeholders.of(column)).as(column);
    }
}
