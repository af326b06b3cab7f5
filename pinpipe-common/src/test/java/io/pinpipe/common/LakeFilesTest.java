package io.pinpipe.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LakeFilesTest {

    @TempDir
    Path lake;

    private final TopicLayout layout = TopicLayout.defaults();

    @Test
    void completeFilesComeInPartitionThenStartOffsetOrderWithoutTemporaryOrForeignFiles() throws IOException {
        Path p0 = write("topics/t/partition=0/t+0+0000000010.json", "c\n");
        Path first = write("topics/t/partition=0/t+0+0000000000.json", "a\nb\n");
        Path p1 = write("topics/t/partition=1/t+1+0000000000.json", "x\n");
        write("topics/t/partition=0/.t+0+0000000020.json.0f8fad5b-d9cb-469f-a165-70867728950e.tmp", "partial");
        write("topics/t/partition=0/notes.txt", "not data\n");
        write("topics/other/partition=0/other+0+0000000000.json", "o\n");

        assertThat(LakeFiles.of(lake, layout, "t")).containsExactly(first, p0, p1);
        assertThat(LakeFiles.of(lake, layout, "t", 0)).containsExactly(first, p0);
        assertThat(LakeFiles.lines(LakeFiles.of(lake, layout, "t", 0))).containsExactly("a", "b", "c");
    }

    @Test
    void offsetsAreOrderedAsNumbersAcrossTimeFoldersAndPadWidths() throws IOException {
        Path later = write("topics/t/year=2026/month=01/t+0+100.json", "later\n");
        Path earlier = write("topics/t/year=2025/month=12/t+0+99.json", "earlier\n");

        assertThat(LakeFiles.of(lake, layout, "t", 0)).containsExactly(earlier, later);
    }

    @Test
    void aTopicWithoutFolderHasNoFiles() {
        assertThat(LakeFiles.of(lake, layout, "nothing-yet")).isEmpty();
    }

    @Test
    void aFileWithoutFinalNewlineIsNotTakenAsComplete() throws IOException {
        Path cut = write("topics/t/partition=0/t+0+0000000000.json", "a\nb");

        assertThatThrownBy(() -> LakeFiles.lines(List.of(cut))).hasMessageContaining(cut.toString());
    }

    @Test
    void theTopicsDirOfTheLayoutIsHonoured() throws IOException {
        Path file = write("lake-data/t/partition=0/t+0+0000000000.json", "a\n");

        assertThat(LakeFiles.of(lake, new TopicLayout("lake-data", 10), "t")).containsExactly(file);
        assertThat(LakeFiles.of(lake, layout, "t")).isEmpty();
    }

    private Path write(String name, String content) throws IOException {
        Path file = lake.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
