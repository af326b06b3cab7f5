package io.pinpipe.connect.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFolderStoreTest {

    @TempDir
    Path root;

    @Test
    void putLeavesExactlyTheFinalFileAndNoTemporaryOne() throws IOException {
        LocalFolderStore store = new LocalFolderStore(root);

        store.put("topics/t/partition=0/t+0+0000000000.json", bytes("a\n"));

        try (Stream<Path> files = Files.list(root.resolve("topics/t/partition=0"))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("t+0+0000000000.json");
        }
    }

    @Test
    void writingANameAgainReplacesItsContent() throws IOException {
        LocalFolderStore store = new LocalFolderStore(root);
        store.put("topics/t/x.json", bytes("old\n"));

        store.put("topics/t/x.json", bytes("new\n"));

        assertThat(store.get("topics/t/x.json")).isEqualTo(bytes("new\n"));
    }

    @Test
    void listSkipsHiddenFilesAndFiltersByPrefix() throws IOException {
        LocalFolderStore store = new LocalFolderStore(root);
        store.put("topics/a/partition=0/a+0+1.json", bytes("1\n"));
        store.put("topics/b/partition=0/b+0+1.json", bytes("1\n"));
        Files.writeString(root.resolve("topics/a/partition=0/.a+0+2.json.tmp"), "partial");

        assertThat(store.list("topics/a/")).containsExactly("topics/a/partition=0/a+0+1.json");
    }

    @Test
    void aFolderInTheWayIsAnIoErrorThatIsRetriable() throws IOException {
        Files.writeString(root.resolve("topics"), "a file where the folder should be");
        LocalFolderStore store = new LocalFolderStore(root);

        assertThatThrownBy(() -> store.put("topics/t/x.json", bytes("1\n")))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(StorageErrors.isRetriable(e)).isTrue());
    }

    @Test
    void namesLeavingTheLakeFolderAreRefused() {
        LocalFolderStore store = new LocalFolderStore(root);

        assertThatThrownBy(() -> store.put("../escape.json", bytes("1\n")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
