package io.pinpipe.cli.dataset;

import io.pinpipe.cli.Main;
import io.pinpipe.cli.SparkJobHome;
import io.pinpipe.emulator.lake.LakeDraws;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated lake goes through the real batch job ({@code pinpipe batch}, Spark local[2] in its child JVM): every
 * record is read, none is quarantined, the repeats are removed, and each clean table holds one row per distinct
 * row id drawn.
 */
class LakeBatchIT {

    private static final Pattern LOADED = Pattern.compile(
            "  lk\\.(?<table>pin|geo|user): (?<files>\\d+) files, (?<read>\\d+) rows read, (?<quarantined>\\d+)"
                    + " quarantined, (?<duplicates>\\d+) duplicates removed, (?<rows>\\d+) rows, (?<new>\\d+) new");

    @TempDir
    Path dataDir;

    @Test
    void theCleanTablesHoldOneRowPerDistinctDrawnRowId() {
        Path home = SparkJobHome.get();
        int records = 3_000;
        int rows = 2_000;
        long seed = 42;
        assertThat(Main.run("--data-dir", dataDir.toString(), "dataset", "lake", "--records", "" + records,
                "--rows", "" + rows, "--seed", "" + seed, "--user-id", "lk", "--flush-size", "1000")).isZero();
        Set<Long> drawn = new HashSet<>();
        LakeDraws draws = new LakeDraws(seed, rows);
        for (int i = 0; i < records; i++) {
            drawn.add(draws.next());
        }

        System.setProperty("pinpipe.home", home.toString());
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        int code = commandLine.execute("--data-dir", dataDir.toString(), "batch", "--user-id", "lk",
                "--master", "local[2]", "--memory", "1g");

        assertThat(code).as(out.toString()).isZero();
        Matcher loaded = LOADED.matcher(out.toString());
        Set<String> tables = new HashSet<>();
        while (loaded.find()) {
            tables.add(loaded.group("table"));
            assertThat(Long.parseLong(loaded.group("files"))).isEqualTo(3);
            assertThat(Long.parseLong(loaded.group("read"))).isEqualTo(records);
            assertThat(Long.parseLong(loaded.group("quarantined"))).isZero();
            assertThat(Long.parseLong(loaded.group("duplicates"))).isEqualTo(records - drawn.size());
            assertThat(Long.parseLong(loaded.group("rows"))).isEqualTo(drawn.size());
            assertThat(Long.parseLong(loaded.group("new"))).isEqualTo(drawn.size());
        }
        assertThat(tables).as(out.toString()).containsExactlyInAnyOrder("pin", "geo", "user");
        assertThat(drawn.size()).isLessThan(records);
    }
}
