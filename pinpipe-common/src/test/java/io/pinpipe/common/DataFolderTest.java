package io.pinpipe.common;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DataFolderTest {

    private final Path root = Path.of("/srv/pinpipe-data");
    private final DataFolder folder = new DataFolder(root);

    @Test
    void everyFolderLiesInsideTheDataFolderUnderItsDocumentedName() {
        assertThat(folder.lake()).isEqualTo(root.resolve("lake"));
        assertThat(folder.warehouse()).isEqualTo(root.resolve("warehouse"));
        assertThat(folder.results()).isEqualTo(root.resolve("results"));
        assertThat(folder.report()).isEqualTo(root.resolve("results/report.html"));
        assertThat(folder.streamCheckpoints()).isEqualTo(root.resolve("checkpoints/stream"));
        assertThat(folder.streamWarehouse()).isEqualTo(root.resolve("stream-warehouse"));
        assertThat(folder.schedule()).isEqualTo(root.resolve("schedule"));
        assertThat(folder.connect()).isEqualTo(root.resolve("connect"));
        assertThat(folder.kafka()).isEqualTo(root.resolve("kafka"));
        assertThat(folder.source()).isEqualTo(root.resolve("source"));
        assertThat(folder.logs()).isEqualTo(root.resolve("logs"));
        assertThat(folder.dataset()).isEqualTo(root.resolve("dataset"));
        assertThat(folder.demo()).isEqualTo(root.resolve("demo"));
    }

    @Test
    void aRelativeDataFolderIsMadeAbsoluteSoChildProcessesAgreeOnIt() {
        DataFolder relative = new DataFolder(Path.of("data/../pinpipe-data"));
        assertThat(relative.root()).isAbsolute().isEqualTo(Path.of("pinpipe-data").toAbsolutePath());
        assertThat(relative.lake()).isEqualTo(Path.of("pinpipe-data", "lake").toAbsolutePath());
    }
}
