package io.pinpipe.cli.dataset;

import io.pinpipe.cli.ConsoleCapture;
import io.pinpipe.cli.Main;
import io.pinpipe.common.JsonCodec;
import io.pinpipe.common.UserRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pinpipe dataset lake} end to end through {@link Main#run}, as a user types it. */
class LakeCommandTest {

    @TempDir
    Path dataDir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void writesTheLakeIntoTheDataFolderAndSummarisesWithTheDistinctIds() throws IOException {
        int exit = Main.run("--data-dir", dataDir.toString(), "dataset", "lake", "--records", "250",
                "--user-id", "abc", "--flush-size", "100");

        assertThat(exit).as(console.err()).isZero();
        Path folder = dataDir.resolve("lake/topics/abc.user/partition=0");
        try (var files = Files.list(folder)) {
            assertThat(files.map(file -> file.getFileName().toString()).sorted()).containsExactly(
                    "abc.user+0+0000000000.json", "abc.user+0+0000000100.json", "abc.user+0+0000000200.json");
        }
        Set<Integer> ids = new HashSet<>();
        for (String name : List.of("0000000000", "0000000100", "0000000200")) {
            for (String line : Files.readAllLines(folder.resolve("abc.user+0+" + name + ".json"))) {
                ids.add(JsonCodec.get().read(line, UserRecord.class).ind());
            }
        }
        assertThat(ids.size()).isLessThan(250);
        assertThat(console.out())
                .contains("Wrote a lake of 250 records per topic (abc.pin, abc.geo, abc.user)")
                .contains("draws over 250 rows (seed 1): distinct row ids " + ids.size())
                .contains("9 files (3 per topic, 100 records each)");
    }

    @Test
    void aSecondLakeIntoTheSameFolderExitsWithTwoAndKeepsTheFirst() throws IOException {
        Path lake = dataDir.resolve("lake");
        assertThat(Main.run("dataset", "lake", "--records", "20", "--lake", lake.toString())).isZero();
        Path first = lake.resolve("topics/pinpipe.pin/partition=0/pinpipe.pin+0+0000000000.json");
        byte[] before = Files.readAllBytes(first);

        int exit = Main.run("dataset", "lake", "--records", "20", "--seed", "2", "--lake", lake.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console.err()).contains("already holds files");
        assertThat(Files.readAllBytes(first)).isEqualTo(before);
    }

    @Test
    void badNumbersExitWithTwoAndOneLineNamingTheOption() {
        assertThat(Main.run("--data-dir", dataDir.toString(), "dataset", "lake", "--records", "0")).isEqualTo(2);
        assertThat(Main.run("--data-dir", dataDir.toString(), "dataset", "lake", "--records", "5",
                "--flush-size", "0")).isEqualTo(2);
        assertThat(Main.run("--data-dir", dataDir.toString(), "dataset", "lake", "--records", "5",
                "--rows", "3000000000")).isEqualTo(2);
        assertThat(Main.run("--data-dir", dataDir.toString(), "dataset", "lake", "--records", "5",
                "--user-id", "no/slash")).isEqualTo(2);

        assertThat(console.err().lines().filter(line -> line.startsWith("pinpipe: ")))
                .containsExactly("pinpipe: --records must be at least 1, got 0",
                        "pinpipe: --flush-size must be between 1 and 10000000, got 0",
                        "pinpipe: --rows must be between 1 and 2147483647, got 3000000000",
                        "pinpipe: option --user-id is 'no/slash': expected 1-200 letters, digits, '_' or '-' (as setting"
                                + " 'user.id')");
        assertThat(dataDir.resolve("lake")).doesNotExist();
    }

    @Test
    void helpNamesEveryOption() {
        assertThat(Main.run("dataset", "lake", "--help")).isZero();
        assertThat(console.out()).contains("--records", "--rows", "--seed", "--lake",
                "--user-id", "--flush-size");
    }
}
