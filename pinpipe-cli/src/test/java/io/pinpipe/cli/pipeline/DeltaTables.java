package io.pinpipe.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpipe.cli.batch.SparkJvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the clean Delta tables ({@code pin}, {@code geo}, {@code user} under a warehouse) against the reference's
 * clean rows, value by value. The CLI's test class path has no Spark, so the tables are read by Spark in a child
 * JVM on the spark module's class path ({@code DeltaRows.java}, a single-file program among the test resources).
 * The batch job and the streaming job write the same tables, so both can be checked with this.
 */
public final class DeltaTables {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_MINUTES = 3;

    private DeltaTables() {
    }

    /**
     * Asserts that the three tables under {@code warehouse} hold exactly the {@code expected} rows: the same
     * {@code ind}s in order, the same columns in order, the same values (nulls included).
     *
     * @param home    the repository root, where {@code pinpipe-spark/target} is
     * @param scratch a folder for the rows read and the reader's log
     */
    public static void assertEqual(Path home, Path warehouse, ReferenceTables expected, Path scratch) {
        Path rows = read(home, warehouse, scratch);
        assertTable(rows, "pin", expected.pins(), CleanRows.Pin::toMap);
        assertTable(rows, "geo", expected.geos(), CleanRows.Geo::toMap);
        assertTable(rows, "user", expected.users(), CleanRows.User::toMap);
    }

    /** Every row of the tables as JSON Lines ({@code <table>.jsonl} in the folder returned), ordered by ind. */
    static Path read(Path home, Path warehouse, Path scratch) {
        Path out = scratch.resolve("delta-rows");
        Path log = scratch.resolve("delta-rows.log");
        try {
            Path program = Path.of(DeltaTables.class.getResource("DeltaRows.java").toURI());
            List<String> command = SparkJvm.command(home, "1g", "local[2]", program.toString(),
                    List.of(warehouse.toString(), out.toString()), scratch.resolve("delta-rows-spark.log"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            boolean ended = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!ended) {
                process.destroyForcibly();
            }
            assertThat(ended && process.exitValue() == 0).as("reading the Delta tables under %s: %s", warehouse,
                    Files.readString(log)).isTrue();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Delta tables under " + warehouse, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("DeltaRows.java is not among the test resources", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the Delta tables", e);
        }
    }

    private static <T> void assertTable(Path rows, String table, List<T> expected,
                                        Function<T, Map<String, Object>> toMap) {
        List<JsonNode> actual = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(rows.resolve(table + ".jsonl"), StandardCharsets.UTF_8)) {
                actual.add(JSON.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rows of " + table, e);
        }
        List<JsonNode> wanted = expected.stream().map(row -> (JsonNode) JSON.valueToTree(toMap.apply(row))).toList();
        assertThat(actual).extracting(row -> row.get("ind").asInt()).as("ind of the %s table", table)
                .containsExactlyElementsOf(wanted.stream().map(row -> row.get("ind").asInt()).toList());
        if (!wanted.isEmpty()) {
            List<String> columns = new ArrayList<>();
            actual.get(0).fieldNames().forEachRemaining(columns::add);
            assertThat(columns).as("columns of the %s table", table)
                    .containsExactlyElementsOf(toMap.apply(expected.get(0)).keySet());
        }
        assertThat(actual).as("rows of the %s table", table).containsExactlyElementsOf(wanted);
    }
}
