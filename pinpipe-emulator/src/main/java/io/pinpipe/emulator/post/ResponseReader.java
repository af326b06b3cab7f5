package io.pinpipe.emulator.post;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.common.JsonTree;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the gateway's answer into one {@link RecordResult} per record sent. A record counts as acknowledged only when
 * the answer says so for that very record: a 200 whose body cannot be read, or that lists fewer results than records,
 * leaves the rest unacknowledged (failed, never counted as sent).
 */
public final class ResponseReader {

    /** Statuses worth sending again: timeouts, throttling and server-side trouble. */
    static final Set<Integer> RETRIABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);
    /**
     * REST Proxy per-record codes worth sending again: 2 (v2's "retriable Kafka exception") and 50003 (Confluent's
     * KAFKA_RETRIABLE_ERROR). 50002 is Confluent's Kafka error that retrying will not fix.
     */
    static final Set<Integer> RETRIABLE_RECORD_CODES = Set.of(2, 50003);
    /** Kinesis per-record codes that a later attempt may get through. */
    static final Set<String> RETRIABLE_KINESIS_CODES = Set.of("ProvisionedThroughputExceededException",
            "InternalFailure", "ServiceUnavailable");

    private static final int MAX_REASON = 160;


    /** The results of a request that got an HTTP answer. */
    public Answer read(Mode mode, int records, int status, byte[] body, Optional<String> retryAfter) {
        Duration wait = retryAfter.flatMap(ResponseReader::parseRetryAfter).orElse(null);
        JsonNode json = objectOrNull(body);
        if (status < 200 || status > 299) {
            return new Answer(failureResults(mode, records, status, json), wait);
        }
        if (json == null) {
            return new Answer(Collections.nCopies(records, RecordResult.failed("unacknowledged: HTTP " + status
                    + " with a body that is not a JSON object")), wait);
        }
        List<RecordResult> results = switch (mode) {
            case BATCH -> restProxyResults(json.path("offsets"), records);
            case STREAM -> records == 1 && !json.has("Records") ? List.of(putRecordResult(json))
                    : kinesisResults(json.path("Records"), records);
        };
        return new Answer(results, wait);
    }

    /**
     * The results of a request that reached no gateway: every connection it tried was refused or not made in time.
     * All retriable: nothing of it was written.
     */
    public Answer unreached(int records, Throwable error) {
        RecordResult result = RecordResult.retriable(shorten("unreachable: " + describe(error)));
        return new Answer(Collections.nCopies(records, result), null);
    }

    /** The reason of records in doubt: sent, and then the answer never came. */
    public static String lostAnswer(Throwable error) {
        return shorten("no answer: " + describe(error));
    }

    /** An exception as a short reason: its type and the first message along its causes. */
    private static String describe(Throwable error) {
        String message = null;
        for (Throwable cause = error; cause != null && message == null; cause = cause.getCause()) {
            message = cause.getMessage();
        }
        return error.getClass().getSimpleName() + (message != null ? ": " + message : "");
    }

    /**
     * The results of an answer that is not a 2xx. When its body lists a result for every record — pinpipe's gateway
     * answers a partial failure so, with the status of the first failure — each record gets its own: the written
     * ones are acknowledged and never sent again. Otherwise every record shares the status's result.
     */
    private static List<RecordResult> failureResults(Mode mode, int records, int status, JsonNode json) {
        JsonNode each = json == null ? null : json.get(mode == Mode.BATCH ? "offsets" : "Records");
        if (each != null && each.isArray() && each.size() == records) {
            return mode == Mode.BATCH ? restProxyResults(each, records) : kinesisResults(each, records);
        }
        String reason = "HTTP " + status + errorOf(json);
        RecordResult result = RETRIABLE_STATUSES.contains(status) ? RecordResult.retriable(reason)
                : RecordResult.failed(reason);
        return Collections.nCopies(records, result);
    }

    private static List<RecordResult> restProxyResults(JsonNode offsets, int records) {
        List<RecordResult> results = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            JsonNode offset = offsets.path(i);
            if (!offset.isObject()) {
                results.add(RecordResult.failed("unacknowledged: the answer lists no offset for the record"));
            } else if (offset.path("error_code").isNull() || offset.path("error_code").isMissingNode()) {
                results.add(offset.path("offset").isNumber() ? RecordResult.ACKNOWLEDGED
                        : RecordResult.failed("unacknowledged: the answer gives no offset for the record"));
            } else {
                int code = offset.path("error_code").asInt();
                String reason = shorten("record error_code " + code + ": " + offset.path("error").asText(""));
                results.add(RETRIABLE_RECORD_CODES.contains(code) ? RecordResult.retriable(reason)
                        : RecordResult.failed(reason));
            }
        }
        return results;
    }

    private static RecordResult putRecordResult(JsonNode json) {
        if (json.hasNonNull("ErrorCode")) {
            return kinesisFailure(json);
        }
        return json.path("SequenceNumber").isTextual() ? RecordResult.ACKNOWLEDGED
                : RecordResult.failed("unacknowledged: the answer has no SequenceNumber");
    }

    private static List<RecordResult> kinesisResults(JsonNode entries, int records) {
        List<RecordResult> results = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            JsonNode entry = entries.path(i);
            if (!entry.isObject()) {
                results.add(RecordResult.failed("unacknowledged: the answer lists no result for the record"));
            } else if (entry.hasNonNull("ErrorCode")) {
                results.add(kinesisFailure(entry));
            } else {
                results.add(entry.path("SequenceNumber").isTextual() ? RecordResult.ACKNOWLEDGED
                        : RecordResult.failed("unacknowledged: the answer has no SequenceNumber for the record"));
            }
        }
        return results;
    }

    private static RecordResult kinesisFailure(JsonNode entry) {
        String code = entry.path("ErrorCode").asText();
        String reason = shorten(code + ": " + entry.path("ErrorMessage").asText(""));
        return RETRIABLE_KINESIS_CODES.contains(code) ? RecordResult.retriable(reason) : RecordResult.failed(reason);
    }

    /** The gateway's error envelope, if the body is one: {@code " 40401: Topic not found."}. */
    private static String errorOf(JsonNode json) {
        if (json == null) {
            return "";
        }
        String code = json.path("error_code").isMissingNode() ? json.path("__type").asText("")
                : json.path("error_code").asText();
        String message = json.path("message").asText(json.path("Message").asText(""));
        return shorten((code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message));
    }

    /** The body as a JSON object; null when it is not one (not JSON, or no object): the status alone then speaks. */
    private static JsonNode objectOrNull(byte[] body) {
        try {
            JsonNode json = JsonTree.parse(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code Retry-After} as seconds or an HTTP date; a wait in the past or unreadable is ignored. */
    static Optional<Duration> parseRetryAfter(String value) {
        String text = value.trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            try {
                Duration wait = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(text,
                        DateTimeFormatter.RFC_1123_DATE_TIME));
                return wait.isNegative() ? Optional.of(Duration.ZERO) : Optional.of(wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static String shorten(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 3) + "...";
    }

    /**
     * The results in record order, and how long the gateway asked the client to wait before trying again.
     *
     * @param retryAfter null when the gateway said nothing
     */
    public record Answer(List<RecordResult> results, Duration retryAfter) {
    }
}
