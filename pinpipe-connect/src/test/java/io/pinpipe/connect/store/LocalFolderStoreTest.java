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
    void aStagedFileIsInvisibleUntilPublishedAndDiscardingItLeavesNothing() throws IOException {
        LocalFolderStore store = new LocalFolderStore(root);
        Staged published = store.stage("topics/t/a.json", java.nio.ByteBuffer.wrap(bytes("a\n")));
        Staged dropped = store.stage("topics/t/b.json", java.nio.ByteBuffer.wrap(bytes("b\n")));

        assertThat(store.list("topics/")).as("staged files are hidden").isEmpty();
        published.publish(PublishGuard.NONE);
        dropped.discard();
        published.discard();

        assertThat(store.list("topics/")).containsExactly("topics/t/a.json");
        assertThat(store.get("topics/t/a.json")).isEqualTo(bytes("a\n"));
        try (Stream<Path> files = Files.list(root.resolve("topics/t"))) {
            assertThat(files).as("no temporary file left").hasSize(1);
        }
    }

    @Test
    void writingANameAgainWithTheSameBytesIsAReplayAndSucceeds() throws IOException {
        LocalFolderStore store = new LocalFolderStore(root);
        store.put("topics/t/x.json", bytes("same\n"));

        store.put("topics/t/x.json", bytes("same\n"));

        assertThat(store.get("topics/t/x.json")).isEqualTo(bytes("same\n"));
        try (Stream<Path> files = Files.list(root.resolve("topics/t"))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void writingANameAgainWithOtherBytesIsAConflictThatKeepsTheFirstFileAndIsNotRetriable() throws IOException {
        LocalFolderStore store = new LocalFolderStore(root);
        store.put("topics/t/x.json", bytes("first\n"));

        assertThatThrownBy(() -> store.put("topics/t/x.json", bytes("second\n")))
                .isInstanceOf(ObjectConflictException.class)
                .hasMessageContaining("topics/t/x.json")
                .satisfies(e -> assertThat(StorageErrors.isRetriable(e)).isFalse());
        assertThat(store.get("topics/t/x.json")).isEqualTo(bytes("first\n"));
        try (Stream<Path> files = Files.list(root.resolve("topics/t"))) {
            assertThat(files).as("no temporary file left").hasSize(1);
        }
    }

    @Test
    void aGuardThatRefusesPublishesNothingAndLeavesNoTemporaryFile() throws IOException {
        LocalFolderStore store = new LocalFolderStore(root);
        PublishGuard closed = name -> {
            throw new NotOwnerException(name, "t-0 was closed on this task");
        };

        assertThatThrownBy(() -> store.put("topics/t/x.json", java.nio.ByteBuffer.wrap(bytes("a\n")), closed))
                .isInstanceOf(NotOwnerException.class).hasMessageContaining("topics/t/x.json")
                .satisfies(e -> assertThat(StorageErrors.isRetriable(e)).isFalse());
        try (Stream<Path> files = Files.list(root.resolve("topics/t"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void replaceOverwritesAMarkerAndAMissingObjectIsNoSuchFile() throws IOException {
        LocalFolderStore store = new LocalFolderStore(root);
        assertThatThrownBy(() -> store.get("topics/t/.owner-0")).isInstanceOf(java.nio.file.NoSuchFileException.class);

        store.replace("topics/t/.owner-0", bytes("owner=a\n"));
        store.replace("topics/t/.owner-0", bytes("owner=b\n"));

        assertThat(store.get("topics/t/.owner-0")).isEqualTo(bytes("owner=b\n"));
        try (Stream<Path> files = Files.list(root.resolve("topics/t"))) {
            assertThat(files).as("no temporary file left").hasSize(1);
        }
    }

    @Test
    void listingANamePrefixStartsAfterTheGivenName() throws IOException {
        LocalFolderStore store = new LocalFolderStore(root);
        for (String offset : new String[] {"0000000001", "0000000002", "0000000003"}) {
            store.put("topics/t/partition=0/t+0+" + offset + ".json", bytes("1\n"));
        }
        store.put("topics/t/partition=0/t+10+0000000009.json", bytes("1\n"));

        assertThat(store.list("topics/t/partition=0/t+0+", "topics/t/partition=0/t+0+0000000001.json"))
                .containsExactlyInAnyOrder("topics/t/partition=0/t+0+0000000002.json",
                        "topics/t/partition=0/t+0+0000000003.json");
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
    void removeIncompleteDeletesOnlyTheTemporaryFilesOfTheNamesAskedFor() throws IOException {
        LocalFolderStore store = new LocalFolderStore(root);
        store.put("topics/t/partition=0/t+0+0000000000.json", bytes("a\n"));
        Path p0 = root.resolve("topics/t/partition=0");
        Path p1 = Files.createDirectories(root.resolve("topics/t/partition=1"));
        String uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        Files.writeString(p0.resolve(".t+0+0000000040.json." + uuid + ".tmp"), "partial");
        Files.writeString(p1.resolve(".t+1+0000000040.json." + uuid + ".tmp"), "partial");
        Files.writeString(p0.resolve(".notes.txt"), "someone else's hidden file");

        int removed = store.removeIncomplete("topics/t/partition=0/", name -> name.contains("/t+0+"));

        assertThat(removed).isEqualTo(1);
        try (Stream<Path> files = Files.list(p0)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("t+0+0000000000.json", ".notes.txt");
        }
        assertThat(p1.resolve(".t+1+0000000040.json." + uuid + ".tmp")).exists();
    }

    @Test
    void syncFlushesTheFoldersOfEveryPutSoFar() throws IOException {
        LocalFolderStore store = new LocalFolderStore(root);
        store.put("topics/t/partition=0/t+0+0000000000.json", bytes("a\n"));
        store.put("topics/t/partition=1/t+1+0000000000.json", bytes("b\n"));

        store.sync();
        store.sync();

        assertThat(store.list("topics/")).hasSize(2);
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
