package io.pinpipe.cli.connect;

import io.pinpipe.common.Settings;
import io.pinpipe.common.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectWorkerConfigTest {

    private final Path dataDir = Path.of("/data/pinpipe");

    @Test
    void defaultConnectorReadsEveryTopicOfTheUserIntoTheLakeFolder() {
        Map<String, String> config = ConnectWorker.connectorConfig(dataDir,
                Settings.of(Map.of("user.id", "12c0d092d679")), new ArrayList<>());

        assertThat(config).containsEntry("connector.class", "io.pinpipe.connect.LakeSinkConnector")
                .containsEntry("local.dir", "/data/pinpipe/lake").containsEntry("flush.size", "1000")
                .containsEntry("store", "local");
        Pattern regex = Pattern.compile(config.get("topics.regex"));
        assertThat(regex.matcher("12c0d092d679.pin").matches()).isTrue();
        assertThat(regex.matcher("12c0d092d679x.pin").matches()).isFalse();
        assertThat(regex.matcher("streaming-12c0d092d679-pin").matches()).isFalse();
    }

    @Test
    void lakeFolderAndTopicsDirSettingsReachTheConnector() {
        Map<String, String> config = ConnectWorker.connectorConfig(dataDir, Settings.of(Map.of(
                "connect.lake.dir", "/srv/other-lake", "connect.topics.dir", "landing")), new ArrayList<>());

        assertThat(config).containsEntry("local.dir", "/srv/other-lake").containsEntry("topics.dir", "landing");
    }

    @Test
    void s3StoreCarriesBucketRegionAndEndpointButNoCredentials() {
        Map<String, String> config = ConnectWorker.connectorConfig(dataDir, Settings.of(Map.of("connect.store", "s3",
                "connect.s3.bucket.name", "user-x-bucket", "connect.store.url", "http://127.0.0.1:9000")),
                new ArrayList<>());

        assertThat(config).containsEntry("store", "s3").containsEntry("s3.bucket.name", "user-x-bucket")
                .containsEntry("store.url", "http://127.0.0.1:9000").doesNotContainKey("local.dir");
        assertThat(config.keySet()).noneMatch(key -> key.contains("secret") || key.contains("access.key"));
    }

    @Test
    void courseConnectorFileIsTranslatedWithTheUserIdFilledIn() throws IOException {
        Path course = TestData.courseConnectorFile();
        List<String> notes = new ArrayList<>();

        Map<String, String> config = ConnectWorker.connectorConfig(dataDir, Settings.of(Map.of("user.id", "abc",
                "connect.connector.file", course.toString())), notes);

        assertThat(config).containsEntry("connector.class", "io.pinpipe.connect.LakeSinkConnector")
                .containsEntry("topics.regex", "abc.*").containsEntry("s3.bucket.name", "user-abc-bucket")
                .containsEntry("store", "s3").containsEntry("flush.size", "1");
        assertThat(notes).anyMatch(note -> note.contains("S3SinkConnector"));
    }
}
