package io.pinpipe.cli.connect;

import io.pinpipe.common.DataFolder;
import io.pinpipe.common.Settings;
import org.junit.jupiter.api.Test;

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
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connect.s3.bucket.name");
    }

    @Test
    void aCommandThatNeedsALocalFolderRefusesAnS3LakeAndSaysHowToGiveOne() {
        LakeLocation lake = locate(Map.of("connect.store", "s3", "connect.s3.bucket.name", "b"));

        assertThatThrownBy(() -> lake.localFolder("pinpipe dataset lake")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pinpipe dataset lake").hasMessageContaining("s3a://b")
                .hasMessageContaining("--lake DIR");
    }
}
