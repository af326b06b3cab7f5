package io.pinpipe.connect;

import io.pinpipe.connect.store.LocalFolderStore;
import io.pinpipe.connect.store.ObjectStore;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two tasks on one partition of a local lake (the zombie scenarios), and the bounded clean-up on assignment. */
class LakeSinkFencingTest extends FencingScenarios {

    @TempDir
    Path lake;

    /**
     * 5,000 committed files (empty, created directly) and two uncommitted ones: the assignment's clean-up lists once,
     * is handed only the two (the folder's names are read, no old file is), and deletes only them.
     */
    @Test
    void cleanUpOnAssignmentListsOnlyTheFilesAfterTheCommittedOffset() throws IOException {
        Path folder = Files.createDirectories(lake.resolve("topics/" + TOPIC + "/partition=0"));
        int committed = 5_000;
        for (int offset = 0; offset < committed; offset++) {
            Files.createFile(folder.resolve(fileName(offset)));
        }
        Files.writeString(folder.resolve(fileName(committed)), "{\"uncommitted\":1}\n");
        Files.writeString(folder.resolve(fileName(committed + 1)), "{\"uncommitted\":2}\n");
        StallingStore store = StallingStore.counting(new LocalFolderStore(lake));
        LakeSinkTask task = task(store, 2, new TestContext(true));

        task.put(records(committed, 2));

        assertThat(store.listings.get()).isEqualTo(1);
        assertThat(store.namesListed.get()).isEqualTo(2);
        assertThat(task.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(committed + 2));
        try (var files = Files.list(folder)) {
            assertThat(files.count()).isEqualTo(committed + 1);
        }
        assertThat(Files.readString(folder.resolve(fileName(committed)), StandardCharsets.UTF_8))
                .isEqualTo(String.join("\n", values(committed, 2)) + "\n");
        task.stop();
    }

    @Override
    ObjectStore newConnection() {
        return new LocalFolderStore(lake);
    }

    @Override
    Map<String, String> storeProps() {
        return Map.of(LakeSinkConfig.LOCAL_DIR, lake.toString());
    }

    private static String fileName(long offset) {
        return String.format("%s+0+%010d.json", TOPIC, offset);
    }
}
