package io.pinpipe.common;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.LocalDateTime;

/**
 * One row of the source table {@code user_data}: who made post {@code ind}. The same person appears under many
 * {@code ind} values (5,307 people own the course table's 11,154 rows): {@code ind} is a post id, not a user id.
 */
@JsonPropertyOrder({"ind", "first_name", "last_name", "age", "date_joined"})
public record UserRecord(
        @JsonProperty("ind") int ind,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        @JsonProperty("age") int age,
        @JsonProperty("date_joined") LocalDateTime dateJoined) implements SourceRecord {

    @Override
    public int id() {
        return ind;
    }

    @Override
    public SourceTable table() {
        return SourceTable.USER;
    }
}
