package io.pinpipe.cli.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DeltaTallyTest {

    @TempDir
    Path warehouse;

    @Test
    void rowsAreTheStatisticsOfTheFilesAddedAndNotRemoved() throws IOException {
        commit("pin", 0, add("a.parquet", 10), add("b.parquet", 5));
        DeltaTally tally = new DeltaTally(warehouse);

        assertThat(tally.tables()).singleElement().satisfies(table -> {
            assertThat(table.name()).isEqualTo("pin");
            assertThat(table.rows()).isEqualTo(15);
            assertThat(table.version()).isZero();
            assertThat(table.lastCommit()).isNotNull();
        });

        // A merge rewrites b into c with two more rows; only the new commit is read.
        commit("pin", 1, "{\"remove\":{\"path\":\"b.parquet\"}}", add("c.parquet", 7));
        assertThat(tally.tables()).singleElement().satisfies(table -> {
            assertThat(table.rows()).isEqualTo(17);
            assertThat(table.version()).isEqualTo(1);
        });
    }

    @Test
    void aLogThatNoLongerStartsAtZeroOrFilesWithoutStatisticsHaveUnknownRows() throws IOException {
        commit("geo", 3, add("a.parquet", 10));
        commit("user", 0, "{\"add\":{\"path\":\"x.parquet\"}}");

        assertThat(new DeltaTally(warehouse).tables()).extracting(PipelineSnapshot.Table::name,
                PipelineSnapshot.Table::rows).containsExactly(tuple("geo", null),
                tuple("user", null));
    }

    @Test
    void aMissingWarehouseHasNoTablesAndAFolderWithoutALogIsNoTable() throws IOException {
        assertThat(new DeltaTally(warehouse.resolve("absent")).tables()).isEmpty();
        Files.createDirectories(warehouse.resolve("not-a-table"));
        assertThat(new DeltaTally(warehouse).tables()).isEmpty();
    }

    private static String add(String path, long rows) {
        return "{\"add\":{\"path\":\"" + path + "\",\"stats\":\"{\\\"numRecords\\\":" + rows + "}\"}}";
    }

    private void commit(String table, long version, String... actions) throws IOException {
        Path log = Files.createDirectories(warehouse.resolve(table).resolve("_delta_log"));
        Files.writeString(log.resolve(String.format("%020d.json", version)), String.join("\n", actions) + "\n");
    }
}
