package io.pinpipe.common;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lake's object names, identical to the Confluent S3 sink with its default partitioner:
 * {@code <topicsDir>/<topic>/partition=<p>/<topic>+<p>+<startOffset>.json}, the start offset zero-padded to
 * {@code padWidth} digits (10 by default). The sink writes names with {@link #objectName}, the Spark job and the
 * tests read them back with {@link #parse}; nothing else builds or splits these paths.
 */
public final class TopicLayout {

    public static final String DEFAULT_TOPICS_DIR = "topics";
    public static final int DEFAULT_PAD_WIDTH = 10;
    public static final String JSON_EXTENSION = ".json";
    /** 10 digits: more offsets than a partition ever holds (ten billion), so padded names sort in offset order. */
    private static final int SORTABLE_PAD_WIDTH = 10;

    /** A lake file: never hidden (a leading '.' marks a file still being written), one format extension. */
    private static final Pattern FILE_NAME = Pattern.compile("(?<topic>[^.].*)\\+(?<partition>\\d+)\\+(?<offset>\\d+)"
            + "(?<extension>\\.[A-Za-z0-9]+(?:\\.gz)?)");

    private final String topicsDir;
    private final int padWidth;

    public TopicLayout(String topicsDir, int padWidth) {
        this.topicsDir = trimSlashes(Objects.requireNonNull(topicsDir, "topicsDir"));
        if (padWidth < 1 || padWidth > 19) {
            throw new IllegalArgumentException("offset pad width must be 1-19, was " + padWidth);
        }
        this.padWidth = padWidth;
    }

    public static TopicLayout defaults() {
        return new TopicLayout(DEFAULT_TOPICS_DIR, DEFAULT_PAD_WIDTH);
    }

    public String topicsDir() {
        return topicsDir;
    }

    /** {@code topics/<topic>/partition=<p>}: the folder one partition's files land in (default partitioner). */
    public String partitionDir(String topic, int partition) {
        return prefix() + topic + "/partition=" + partition;
    }

    /** {@code topics/<topic>}: everything of one topic, whatever the partitioner. */
    public String topicDir(String topic) {
        return prefix() + topic;
    }

    /** {@code topics/<topic>/<folder>}: a folder a partitioner chose, such as {@code partition=0}. */
    public String folder(String topic, String folder) {
        return topicDir(topic) + "/" + folder;
    }

    /** {@code <topic>+<p>+<startOffset padded>.json}. */
    public String fileName(String topic, int partition, long startOffset, String extension) {
        if (startOffset < 0) {
            throw new IllegalArgumentException("start offset must not be negative, was " + startOffset);
        }
        String digits = Long.toString(startOffset);
        String padded = digits.length() >= padWidth ? digits : "0".repeat(padWidth - digits.length()) + digits;
        return filePrefix(topic, partition) + padded + extension;
    }

    /** {@code <topic>+<p>+}: what every file name of one partition starts with, and no other partition's. */
    public String filePrefix(String topic, int partition) {
        return topic + "+" + partition + "+";
    }

    /**
     * A file name that the names of this partition's files from {@code startOffset} on all sort after (as S3 lists:
     * by UTF-8 bytes), so a listing can start there instead of at the partition's first file. Padded names sort in
     * offset order only while offsets have at most {@code padWidth} digits; with a width of 10 or more no partition
     * reaches that, with a narrower one it can, so then there is no such name and a listing must start at the first.
     */
    public Optional<String> fileNameBefore(String topic, int partition, long startOffset) {
        if (startOffset <= 0 || padWidth < SORTABLE_PAD_WIDTH) {
            return Optional.empty();
        }
        return Optional.of(fileName(topic, partition, startOffset - 1, JSON_EXTENSION));
    }

    /** The full object name of the default layout: {@code topics/<t>/partition=<p>/<t>+<p>+<offset>.json}. */
    public String objectName(String topic, int partition, long startOffset) {
        return partitionDir(topic, partition) + "/" + fileName(topic, partition, startOffset, JSON_EXTENSION);
    }

    /**
     * Reads topic, partition and start offset back from an object name or path. Only the file name is decisive, so
     * names under time-based or field-based folders parse too.
     */
    public static Optional<LakeFile> parse(String objectName) {
        String fileName = objectName.substring(objectName.lastIndexOf('/') + 1);
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LakeFile(matcher.group("topic"), Integer.parseInt(matcher.group("partition")),
                    Long.parseLong(matcher.group("offset")), matcher.group("extension")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String prefix() {
        return topicsDir.isEmpty() ? "" : topicsDir + "/";
    }

    private static String trimSlashes(String dir) {
        int start = 0;
        int end = dir.length();
        while (start < end && dir.charAt(start) == '/') {
            start++;
        }
        while (end > start && dir.charAt(end - 1) == '/') {
            end--;
        }
        return dir.substring(start, end);
    }

    /** What a lake file name says about its contents: the records of one partition from {@code startOffset} on. */
    public record LakeFile(String topic, int partition, long startOffset, String extension) {
    }
}
