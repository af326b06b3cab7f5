package io.pinpipe.cli.schedule;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.time.LocalDate;

/** One attempt of one scheduled run, as kept in the run history. */
@JsonPropertyOrder({"logical_date", "attempt", "started", "finished", "duration_ms", "outcome", "exit_code",
        "message"})
public record RunRecord(
        @JsonProperty("logical_date") LocalDate logicalDate,
        @JsonProperty("attempt") int attempt,
        @JsonProperty("started") Instant started,
        @JsonProperty("finished") Instant finished,
        @JsonProperty("duration_ms") long durationMillis,
        @JsonProperty("outcome") Outcome outcome,
        @JsonProperty("exit_code") int exitCode,
        @JsonProperty("message") String message) {

    /** What became of an attempt. */
    public enum Outcome {
        SUCCESS, FAILED, RETRYING
    }
}
