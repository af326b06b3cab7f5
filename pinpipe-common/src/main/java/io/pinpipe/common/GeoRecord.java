package io.pinpipe.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.LocalDateTime;

/** One row of the source table {@code geolocation_data}: where and when post {@code ind} was made. */
@JsonPropertyOrder({"ind", "timestamp", "latitude", "longitude", "country"})
public record GeoRecord(
        @JsonProperty("ind") int ind,
        @JsonProperty("timestamp") LocalDateTime timestamp,
        @JsonProperty("latitude") double latitude,
        @JsonProperty("longitude") double longitude,
        @JsonProperty("country") String country) implements SourceRecord {

    @Override
    public int id() {
        return ind;
    }

    @Override
    public SourceTable table() {
        return SourceTable.GEO;
    }
}
