package io.pinpipe.common;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Topic names of the pipeline for one user id: {@code <id>.pin|geo|user} for the batch path and
 * {@code streaming-<id>-pin|geo|user} for the streaming path. The user id is whatever the course gave the student
 * (an AWS user id such as {@code 12c0d092d679}); any Kafka-legal name works.
 */
public final class Topics {

    /** The one declaration of the user id setting, shared by every component that names topics. */
    public static final ConfigKey USER_ID = new ConfigKey("user.id", "pinpipe",
            "The user id in topic names: <id>.pin|geo|user and streaming-<id>-pin|geo|user (the course uses the AWS"
                    + " user id).", false, Topics::isLegalUserId, "1-200 letters, digits, '_' or '-'");

    private static final Pattern LEGAL_USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private final String userId;

    public Topics(String userId) {
        if (!isLegalUserId(userId)) {
            throw new IllegalArgumentException("user id '" + userId
                    + "' must be 1-200 characters of letters, digits, '_' or '-'");
        }
        this.userId = userId;
    }

    /** True for a user id Kafka can put in a topic name: 1-200 letters, digits, '_' or '-'. */
    public static boolean isLegalUserId(String userId) {
        return userId != null && LEGAL_USER_ID.matcher(userId).matches();
    }

    public String userId() {
        return userId;
    }

    /** The batch topic of a table: {@code <id>.pin}. */
    public String batch(SourceTable table) {
        return userId + "." + table.shortName();
    }

    /** The streaming topic (and stream name) of a table: {@code streaming-<id>-pin}. */
    public String streaming(SourceTable table) {
        return "streaming-" + userId + "-" + table.shortName();
    }

    public List<String> batchTopics() {
        return List.of(batch(SourceTable.PIN), batch(SourceTable.GEO), batch(SourceTable.USER));
    }

    public List<String> streamingTopics() {
        return List.of(streaming(SourceTable.PIN), streaming(SourceTable.GEO), streaming(SourceTable.USER));
    }

    /** The {@code topics.regex} the course gives its sink connector: every batch topic of this user. */
    public String batchTopicsRegex() {
        return Pattern.quote(userId) + "\\..*";
    }
}
