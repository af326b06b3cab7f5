package io.pinpipe.cli.live;

import io.pinpipe.common.TopicLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LakeTallyTest {

    private static final TopicLayout LAYOUT = TopicLayout.defaults();

    @TempDir
    Path lake;

    @Test
    void countsFilesBytesAndLinesReadingEachCompleteFileOnce() throws IOException {
        LakeTally tally = new LakeTally(lake, LAYOUT);
        assertThat(tally.of("t.pin")).isEqualTo(new PipelineSnapshot.LakeTopic(0, 0, 0, null));

        write("t.pin", 0, "{\"a\":1}\n{\"a\":2}\n");
        write("t.geo", 0, "{\"b\":1}\n");
        // A writer's hidden temporary file is not data yet.
        Files.writeString(lake.resolve(LAYOUT.partitionDir("t.pin", 0)).resolve(".t.pin+0+0000000002.json.tmp"),
                "{\"a\":3}\n");
        PipelineSnapshot.LakeTopic first = tally.of("t.pin");
        assertThat(first.files()).isEqualTo(1);
        assertThat(first.records()).isEqualTo(2);
        assertThat(first.bytes()).isEqualTo(16);
        assertThat(first.newestFile()).isNotNull();

        write("t.pin", 2, "{\"a\":3}\n");
        assertThat(tally.of("t.pin").records()).isEqualTo(3);
        assertThat(tally.filesRead()).as("the first file was not read again").isEqualTo(2);
    }

    private void write(String topic, long offset, String lines) throws IOException {
        Path file = lake.resolve(LAYOUT.objectName(topic, 0, offset));
        Files.createDirectories(file.getParent());
        Files.writeString(file, lines);
    }
}
