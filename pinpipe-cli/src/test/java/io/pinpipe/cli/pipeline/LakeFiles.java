package io.pinpipe.cli.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TopicLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the lake sink wrote for one topic: its JSON lines, and the row ids they carry. */
final class LakeFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LakeFiles() {
    }

    /** Waits until the topic's lake files hold {@code expected} lines or the timeout passes; returns the lines. */
    static List<String> await(Path lake, String topic, long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> lines = lines(lake, topic);
        while (lines.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
            lines = lines(lake, topic);
        }
        return lines;
    }

    /** The row id ({@code index} or {@code ind}) of every line, in file and line order. */
    static List<Integer> ids(List<String> lines, SourceTable table) {
        List<Integer> ids = new ArrayList<>();
        for (String line : lines) {
            try {
                ids.add(JSON.readTree(line).get(table.keyColumn()).asInt());
            } catch (IOException e) {
                throw new UncheckedIOException("a lake line is not JSON: " + line, e);
            }
        }
        return ids;
    }

    private static List<String> lines(Path lake, String topic) {
        return io.pinpipe.common.LakeFiles.lines(io.pinpipe.common.LakeFiles.of(lake, TopicLayout.defaults(), topic));
    }
}
