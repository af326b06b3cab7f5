package io.pinpipe.cli.pipeline;

import io.pinpipe.common.Datetimes;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the three clean tables as the reference computes them (docs/batch.md, "What the job does"), in the
 * tables' column order. {@code toMap()} gives a row as column name → value with datetimes in the wire form, which is
 * how the whole-pipeline test compares them with the rows Spark wrote.
 */
public final class CleanRows {

    private CleanRows() {
    }

    /** A row of the clean {@code pin} table; any value but {@code ind} may be null. */
    public record Pin(int ind, String uniqueId, String title, String description, Integer followerCount, String posterName,
               String tagList, String isImageOrVideo, String imageSrc, String saveLocation, String category) {

        public Map<String, Object> toMap() {
            return row(List.of("ind", "unique_id", "title", "description", "follower_count", "poster_name",
                    "tag_list", "is_image_or_video", "image_src", "save_location", "category"),
                    ind, uniqueId, title, description, followerCount, posterName, tagList, isImageOrVideo, imageSrc,
                    saveLocation, category);
        }
    }

    /** A row of the clean {@code geo} table: {@code coordinates = [latitude, longitude]}. */
    public record Geo(int ind, String country, List<Double> coordinates, LocalDateTime timestamp) {

        public Map<String, Object> toMap() {
            return row(List.of("ind", "country", "coordinates", "timestamp"), ind, country, coordinates,
                    timestamp == null ? null : Datetimes.format(timestamp));
        }
    }

    /** A row of the clean {@code user} table: {@code user_name = first_name + " " + last_name}. */
    public record User(int ind, String userName, Integer age, LocalDateTime dateJoined) {

        public Map<String, Object> toMap() {
            return row(List.of("ind", "user_name", "age", "date_joined"), ind, userName, age,
                    dateJoined == null ? null : Datetimes.format(dateJoined));
        }
    }

    private static Map<String, Object> row(List<String> columns, Object... values) {
        Map<String, Object> row = new LinkedHashMap<>();
        List<Object> list = Arrays.asList(values);
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i), list.get(i));
        }
        return row;
    }
}
