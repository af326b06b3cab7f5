package io.pinpipe.cli.dataset;

import io.pinpipe.cli.ConsoleCapture;
import io.pinpipe.cli.Main;
import io.pinpipe.common.GeoRecord;
import io.pinpipe.common.JsonCodec;
import io.pinpipe.common.PinRecord;
import io.pinpipe.common.UserRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pinpipe dataset generate} end to end through {@link Main#run}, as a user types it. */
class GenerateCommandTest {

    @TempDir
    Path dataDir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void writesTheThreeTablesIntoTheDataFolderAndSummarises() throws IOException {
        int exit = Main.run("--data-dir", dataDir.toString(), "dataset", "generate", "--rows", "500", "--seed", "7");

        assertThat(exit).as(console.err()).isZero();
        Path folder = dataDir.resolve("dataset");
        List<String> pins = Files.readAllLines(folder.resolve("pinterest_data.jsonl"));
        List<String> geo = Files.readAllLines(folder.resolve("geolocation_data.jsonl"));
        List<String> users = Files.readAllLines(folder.resolve("user_data.jsonl"));
        assertThat(pins).hasSize(500);
        assertThat(geo).hasSize(500);
        assertThat(users).hasSize(500);
        JsonCodec codec = JsonCodec.get();
        for (int i : new int[] {0, 250, 499}) {
            assertThat(codec.read(pins.get(i), PinRecord.class).index()).isEqualTo(i);
            assertThat(codec.read(geo.get(i), GeoRecord.class).ind()).isEqualTo(i);
            assertThat(codec.read(users.get(i), UserRecord.class).ind()).isEqualTo(i);
        }
        assertThat(geo.get(0))
                .matches("\\{\"ind\": 0, \"timestamp\": \"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\", .*");
        assertThat(console.out()).contains("Generated 500 rows per table (seed 7, jsonl)")
                .contains("pinterest_data.jsonl").contains("rows/s");
    }

    @Test
    void theSameSeedGivesTheSameBytesAndCsvHasAHeader() throws IOException {
        Path first = dataDir.resolve("first");
        Path second = dataDir.resolve("second");
        assertThat(Main.run("dataset", "generate", "--rows", "300", "--seed", "11", "--out", first.toString(),
                "--format", "csv")).isZero();
        assertThat(Main.run("dataset", "generate", "--rows", "300", "--seed", "11", "--out", second.toString(),
                "--format", "CSV")).isZero();
        for (String file : List.of("pinterest_data.csv", "geolocation_data.csv", "user_data.csv")) {
            assertThat(Files.readAllBytes(first.resolve(file))).isEqualTo(Files.readAllBytes(second.resolve(file)));
        }
        assertThat(Files.readAllLines(first.resolve("user_data.csv")).get(0))
                .isEqualTo("ind,first_name,last_name,age,date_joined");
    }

    @Test
    void zeroRowsExitsWithTwoAndOneLineNamingTheLimit() {
        int exit = Main.run("--data-dir", dataDir.toString(), "dataset", "generate", "--rows", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(console.err().lines().findFirst().orElseThrow())
                .isEqualTo("pinpipe: --rows must be between 1 and 2147483647, got 0");
        assertThat(dataDir.resolve("dataset")).doesNotExist();
    }

    @Test
    void rowsThatAreNotANumberExitWithTwoAndOneLineNamingTheValue() {
        int exit = Main.run("--data-dir", dataDir.toString(), "dataset", "generate", "--rows", "abc");

        assertThat(exit).isEqualTo(2);
        assertThat(console.err().lines().findFirst().orElseThrow())
                .startsWith("pinpipe: ").contains("--rows").contains("'abc'");
    }

    @Test
    void anUnknownFormatExitsWithTwo() {
        assertThat(Main.run("--data-dir", dataDir.toString(), "dataset", "generate", "--format", "xml")).isEqualTo(2);
        assertThat(console.err()).contains("xml");
    }
}
