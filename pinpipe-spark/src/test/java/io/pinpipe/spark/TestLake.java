package io.pinpipe.spark;

import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TopicLayout;
import io.pinpipe.common.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds lakes the way the sink writes them ({@link TopicLayout}: {@code topics/<t>/partition=0/<t>+0+<offset>.json},
 * JSON Lines) from the real sample's rows, with the dirt a real lake has: both datetime forms, records posted
 * several times, and lines that cannot be read.
 */
final class TestLake {

    static final int FILE_SIZE = 2_000;
    static final int DUPLICATED = 50;

    private final Path lake;
    private final Topics topics;

    TestLake(Path lake, Topics topics) {
        this.lake = lake;
        this.topics = topics;
    }

    /** The lines of a real-sample table, datetimes in the wire form on even lines and the database form on odd. */
    static List<String> sampleLines(Path sample, SourceTable table) {
        String file = switch (table) {
            case PIN -> "pinterest_data.jsonl";
            case GEO -> "geolocation_data.jsonl";
            case USER -> "user_data.jsonl";
        };
        try {
            List<String> lines = Files.readAllLines(sample.resolve(file), StandardCharsets.UTF_8);
            List<String> result = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                result.add(i % 2 == 0 ? toWireDatetimes(lines.get(i)) : lines.get(i));
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code "2019-01-01 07:21:13"} → {@code "2019-01-01T07:21:13"} inside a JSON line. */
    static String toWireDatetimes(String line) {
        return line.replaceAll("\"(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2})\"", "\"$1T$2\"");
    }

    /** Writes {@code lines} as files of {@link #FILE_SIZE} lines from {@code firstOffset}; returns the next offset. */
    long write(SourceTable table, List<String> lines, long firstOffset) {
        String topic = topics.batch(table);
        TopicLayout layout = TopicLayout.defaults();
        long offset = firstOffset;
        for (int start = 0; start < lines.size(); start += FILE_SIZE) {
            List<String> chunk = lines.subList(start, Math.min(lines.size(), start + FILE_SIZE));
            Path file = lake.resolve(layout.objectName(topic, 0, offset));
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, String.join("\n", chunk) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            offset += chunk.size();
        }
        return offset;
    }

    /**
     * The whole sample as a lake: every row, then {@link #DUPLICATED} rows posted again, then {@code bad} lines.
     *
     * @return the offset after the last line written, per table in {@link SourceTable} order
     */
    long[] writeSample(Path sample, List<String> badPins, List<String> badGeo, List<String> badUsers) {
        long[] next = new long[3];
        for (SourceTable table : SourceTable.values()) {
            List<String> lines = new ArrayList<>(sampleLines(sample, table));
            lines.addAll(lines.subList(0, DUPLICATED));
            lines.addAll(switch (table) {
                case PIN -> badPins;
                case GEO -> badGeo;
                case USER -> badUsers;
            });
            next[table.ordinal()] = write(table, lines, 0);
        }
        return next;
    }
}
