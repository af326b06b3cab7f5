package io.pinpipe.cli.dataset;

import io.pinpipe.cli.CliRun;
import io.pinpipe.common.SourceTable;
import io.pinpipe.emulator.source.KeyRange;
import io.pinpipe.emulator.source.SourceDatabase;
import io.pinpipe.emulator.source.SourceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

public class DatasetLoadCommandTest {

    @TempDir
    Path folder;

    /** Two user rows, their datetimes in the two forms the loader accepts. */
    public static final String USERS = String.join("\n",
            "{\"ind\": 0, \"first_name\": \"Adam\", \"last_name\": \"Acosta\", \"age\": 20,"
                    + " \"date_joined\": \"2015-10-21 21:26:45\"}",
            "{\"ind\": 1, \"first_name\": \"Adam\", \"last_name\": \"Acosta\", \"age\": 20,"
                    + " \"date_joined\": \"2015-10-21T21:26:45\"}",
            "");

    private Path dataDir() {
        return folder.resolve("data");
    }

    private KeyRange users() {
        try (SourceReader reader = new SourceReader(SourceDatabase.embedded(dataDir(), "", ""))) {
            return reader.keyRange(SourceTable.USER);
        }
    }

    @Test
    void loadsFilesIntoTheEmbeddedSourceAndSkipsThemTheSecondTime() throws Exception {
        Path input = Files.createDirectories(folder.resolve("in"));
        Files.writeString(input.resolve("user_data.jsonl"), USERS);

        CliRun first = CliRun.of("--data-dir", dataDir().toString(), "dataset", "load", "--from", input.toString());
        CliRun second = CliRun.of("--data-dir", dataDir().toString(), "dataset", "load", "--from", input.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("user_data:", "2 inserted", "rows/s");
        assertThat(second.out()).contains("0 inserted", "2 already present (skipped)");
        assertThat(users()).isEqualTo(new KeyRange(0, 1, 2));
    }

    @Test
    void defaultInputIsTheDatasetFolder() throws Exception {
        Files.createDirectories(dataDir().resolve("dataset"));
        Files.writeString(dataDir().resolve("dataset").resolve("user_data.jsonl"), USERS);

        CliRun run = CliRun.of("--data-dir", dataDir().toString(), "dataset", "load");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(users().rows()).isEqualTo(2);
    }

    @Test
    void csvWithAPandasIndexColumnLoads() throws Exception {
        Path csv = folder.resolve("user_data.csv");
        Files.writeString(csv, ",ind,first_name,last_name,age,date_joined\n"
                + "0,5,Ann,\"O\"\"Neil, Jr\",33,2016-01-02 03:04:05\n"
                + "1,6,Bo,Li,41,2016-01-02T03:04:06\n");

        CliRun run = CliRun.of("--data-dir", dataDir().toString(), "dataset", "load", "--from", csv.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        try (SourceReader reader = new SourceReader(SourceDatabase.embedded(dataDir(), "", ""))) {
            assertThat(reader.readRow(5).user().orElseThrow().lastName()).isEqualTo("O\"Neil, Jr");
        }
    }

    @Test
    void aBadRowFailsNamingFileAndLine() throws Exception {
        Path file = folder.resolve("geolocation_data.jsonl");
        Files.write(file, List.of("{\"ind\": 1, \"timestamp\": \"yesterday\", \"latitude\": 1.5, \"longitude\": 2.5,"
                + " \"country\": \"Albania\"}"));

        CliRun run = CliRun.of("--data-dir", dataDir().toString(), "dataset", "load", "--from", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(file + ":1: field 'timestamp'");
    }

    @Test
    void contradictoryOrMissingInputsAreBadArguments() {
        CliRun both = CliRun.of("--data-dir", dataDir().toString(), "dataset", "load", "--generate", "--from", ".");
        CliRun unknown = CliRun.of("--data-dir", dataDir().toString(), "dataset", "load", "--from",
                folder.resolve("nothing.jsonl").toString());

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("either --from or --generate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("does not exist");
    }
}
