package io.pinpipe.common;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository's own test data is there, whole, for every module's tests: nothing skips for want of it. */
class TestDataTest {

    @Test
    void realSampleUnpacksToTheSixTablesWithTheirPublishedRowCounts() throws IOException {
        Path sample = TestData.realSample();
        Map<String, Integer> rows = Map.of("pinterest_data.jsonl", 4_614, "geolocation_data.jsonl", 11_154,
                "user_data.jsonl", 11_154, "cleaned/pin.jsonl", 3_540, "cleaned/geo.jsonl", 10_536,
                "cleaned/user.jsonl", 5_742);
        for (Map.Entry<String, Integer> table : rows.entrySet()) {
            List<String> lines = Files.readAllLines(sample.resolve(table.getKey()));
            assertThat(lines).as(table.getKey()).hasSize(table.getValue()).allMatch(line -> line.startsWith("{"));
        }
    }

    @Test
    void realSampleIsUnpackedOncePerJvm() {
        assertThat(TestData.realSample()).isSameAs(TestData.realSample());
    }

    @Test
    void courseConnectorFileIsTheConfluentS3SinkWithTheUserIdPlaceholder() throws IOException {
        assertThat(Files.readString(TestData.courseConnectorFile()))
                .contains("connector.class=io.confluent.connect.s3.S3SinkConnector")
                .contains("topics.regex=<user-id>.*");
    }
}
