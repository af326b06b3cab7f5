package io.pinpipe.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One row of the source table {@code pinterest_data}, exactly as the database holds it and as it travels on the
 * wire: every value raw, placeholders and all ({@code "User Info Error"}, {@code "12k"}, {@code "Local save in /data/art"}).
 * Cleaning happens in Spark, never here.
 */
@JsonPropertyOrder({"index", "unique_id", "title", "description", "poster_name", "follower_count", "tag_list",
        "is_image_or_video", "image_src", "downloaded", "save_location", "category"})
public record PinRecord(
        @JsonProperty("index") int index,
        @JsonProperty("unique_id") String uniqueId,
        @JsonProperty("title") String title,
        @JsonProperty("description") String description,
        @JsonProperty("poster_name") String posterName,
        @JsonProperty("follower_count") String followerCount,
        @JsonProperty("tag_list") String tagList,
        @JsonProperty("is_image_or_video") String isImageOrVideo,
        @JsonProperty("image_src") String imageSrc,
        @JsonProperty("downloaded") int downloaded,
        @JsonProperty("save_location") String saveLocation,
        @JsonProperty("category") String category) implements SourceRecord {

    @Override
    public int id() {
        return index;
    }

    @Override
    public SourceTable table() {
        return SourceTable.PIN;
    }
}
