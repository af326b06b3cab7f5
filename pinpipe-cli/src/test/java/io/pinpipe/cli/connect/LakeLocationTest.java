package io.pinpipe.cli.connect;

import io.pinpipe.common.DataFolder;
import io.pinpipe.common.Settings;
import io.pinpipe.common.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LakeLocationTest {

    private final DataFolder dataFolder = new DataFolder(Path.of("/data/pinpipe"));

    private LakeLocation locate(Map<String, String> settings) {
        return LakeLocation.of(dataFolder, Settings.of(settings));
    }

    @Test
    void withoutSettingsTheLakeIsTheDataFoldersWithTheSinksDefaultTopicsDir() {
        LakeLocation lake = locate(Map.of());

        assertThat(lake.root()).isEqualTo("/data/pinpipe/lake");
        assertThat(lake.folder()).contains(Path.of("/data/pinpipe/lake"));
        assertThat(lake.topicsDir()).isEqualTo("topics");
        assertThat(lake.layout().topicDir("pinpipe.pin")).isEqualTo("topics/pinpipe.pin");
    }

    @Test
    void connectLakeDirMovesTheLocalLake() {
        LakeLocation lake = locate(Map.of("connect.lake.dir", "/srv/elsewhere/lake/"));

        assertThat(lake.root()).isEqualTo("/srv/elsewhere/lake");
        assertThat(lake.localFolder("test")).isEqualTo(Path.of("/srv/elsewhere/lake"));
    }

    @Test
    void aRelativeConnectLakeDirIsMadeAbsoluteAsTheWorkerDoes() {
        LakeLocation lake = locate(Map.of("connect.lake.dir", "relative-lake"));

        assertThat(lake.folder()).contains(Path.of("relative-lake").toAbsolutePath());
    }

    @Test
    void connectTopicsDirNamesTheFolderOfTheTopicFolders() {
        LakeLocation lake = locate(Map.of("connect.topics.dir", "landing/raw"));

        assertThat(lake.topicsDir()).isEqualTo("landing/raw");
        assertThat(lake.layout().partitionDir("pinpipe.geo", 0)).isEqualTo("landing/raw/pinpipe.geo/partition=0");
    }

    @Test
    void anS3StoreIsReadThroughS3aFromTheSinksBucketUnderItsTopicsDir() {
        LakeLocation lake = locate(Map.of("connect.store", "s3", "connect.s3.bucket.name", "user-x-bucket",
                "connect.topics.dir", "prefix", "connect.lake.dir", "/ignored/for/s3"));

        assertThat(lake.root()).isEqualTo("s3a://user-x-bucket");
        assertThat(lake.folder()).isEmpty();
        assertThat(lake.topicsDir()).isEqualTo("prefix");
    }

    @Test
    void anS3StoreWithoutABucketIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> locate(Map.of("connect.store", "s3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3.bucket.name")
                .hasMessageContaining("connect.* settings");
    }

    @Test
    void aConnectorFileThatSaysS3PutsTheLakeInItsBucketWhateverTheConnectSettingsSay() {
        LakeLocation lake = locate(Map.of("user.id", "abc", "connect.store", "local",
                "connect.connector.file", TestData.courseConnectorFile().toString()));

        assertThat(lake.root()).isEqualTo("s3a://user-abc-bucket");
        assertThat(lake.folder()).isEmpty();
    }

    @Test
    void aConnectorFilesOwnTopicsDirAndLakeFolderWinOverTheSettings(@TempDir Path scratch) throws IOException {
        Path file = scratch.resolve("sink.properties");
        Files.writeString(file, String.join("\n", "name=lake", "connector.class=io.pinpipe.connect.LakeSinkConnector",
                "topics.regex=abc\\..*", "store=local", "local.dir=" + scratch.resolve("file-lake"),
                "topics.dir=from-the-file", "filename.offset.zero.pad.width=12", ""));

        LakeLocation lake = locate(Map.of("connect.topics.dir", "from-the-settings", "connect.lake.dir", "/ignored",
                "connect.connector.file", file.toString()));

        assertThat(lake.folder()).contains(scratch.resolve("file-lake"));
        assertThat(lake.topicsDir()).isEqualTo("from-the-file");
        assertThat(lake.layout().fileName("abc.pin", 0, 7, ".json")).isEqualTo("abc.pin+0+000000000007.json");
    }

    @Test
    void aBrokenConnectorFileIsRefusedNamingTheFile(@TempDir Path scratch) throws IOException {
        Path file = scratch.resolve("broken.properties");
        Files.writeString(file, "connector.class=io.pinpipe.connect.LakeSinkConnector\nstore=s3\n");

        assertThatThrownBy(() -> locate(Map.of("connect.connector.file", file.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("s3.bucket.name");
    }

    @Test
    void aCommandThatNeedsALocalFolderRefusesAnS3LakeAndSaysHowToGiveOne() {
        LakeLocation lake = locate(Map.of("connect.store", "s3", "connect.s3.bucket.name", "b"));

        assertThatThrownBy(() -> lake.localFolder("pinpipe dataset lake")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pinpipe dataset lake").hasMessageContaining("s3a://b")
                .hasMessageContaining("--lake DIR");
    }
}
