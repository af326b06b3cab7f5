package io.pinpipe.emulator.source;

import io.pinpipe.common.JsonCodec;
import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TestData;
import io.pinpipe.emulator.TestRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every source database must do, whatever its dialect: the same assertions run against the embedded H2 file
 * ({@link H2SourceTest}) and a real MariaDB server ({@link MariaDbSourceIT}).
 */
abstract class SourceDatabaseContract {

    @TempDir
    Path folder;

    /** An empty database, fresh for each test. */
    protected abstract SourceDatabase freshDatabase() throws Exception;

    private static LoadSummary load(SourceDatabase database, RecordFeed feed, int batchSize, boolean replace) {
        try (feed) {
            return new SourceLoader(database, batchSize, records -> { }).load(feed, replace);
        }
    }

    private static RecordFeed rows(int... ids) {
        return new GeneratedFeed(IntStream.of(ids).mapToObj(TestRows::row));
    }

    private static KeyRange range(SourceDatabase database, SourceTable table) {
        try (SourceReader reader = new SourceReader(database)) {
            return reader.keyRange(table);
        }
    }

    @Test
    void loadsTheRealSampleAndReadsEveryRowBackEqual() throws Exception {
        Path sample = TestData.realSample();
        SourceDatabase database = freshDatabase();
        List<TableFile> files = TableFile.inFolder(sample, TableFormat.JSONL);
        assertThat(files).hasSize(3);

        LoadSummary summary = load(database, new TableFileFeed(files), 1_000, false);

        try (SourceReader reader = new SourceReader(database)) {
            for (TableFile file : files) {
                List<String> lines = Files.readAllLines(file.path());
                assertThat(summary.inserted().get(file.table())).isEqualTo(lines.size());
                for (String line : lines) {
                    SourceRecord expected = JsonCodec.get().read(line, file.table());
                    assertThat(reader.read(file.table(), expected.id())).contains(expected);
                }
            }
            assertThat(reader.keyRange(SourceTable.GEO)).isEqualTo(new KeyRange(0, 11_153, 11_154));
        }
    }

    @Test
    void textWithNewlinesQuotesAndEmojiSurvivesTheRoundTrip() throws Exception {
        SourceDatabase database = freshDatabase();
        load(database, rows(1, 7528), 10, false);
        try (SourceReader reader = new SourceReader(database)) {
            SourceReader.DrawnRow row = reader.readRow(1);
            assertThat(row.pin()).contains(TestRows.row(1).pin());
            assertThat(row.pin().orElseThrow().title()).contains("🎨").contains("\n");
            assertThat(row.geo()).contains(TestRows.row(1).geo());
            assertThat(row.user()).contains(TestRows.row(1).user());
            assertThat(reader.readRow(7528).pin()).contains(TestRows.row(7528).pin());
        }
    }

    @Test
    void loadingAgainSkipsKeysAlreadyPresent() throws Exception {
        SourceDatabase database = freshDatabase();
        load(database, rows(1, 2, 3), 2, false);

        LoadSummary again = load(database, rows(2, 3, 4, 4), 2, false);

        assertThat(again.inserted()).containsEntry(SourceTable.PIN, 1L).containsEntry(SourceTable.USER, 1L);
        assertThat(again.skipped()).containsEntry(SourceTable.PIN, 3L).containsEntry(SourceTable.GEO, 3L);
        assertThat(range(database, SourceTable.PIN)).isEqualTo(new KeyRange(1, 4, 4));
    }

    @Test
    void replaceEmptiesTheTablesFirst() throws Exception {
        SourceDatabase database = freshDatabase();
        load(database, rows(1, 2, 3, 4, 5), 100, false);

        LoadSummary replaced = load(database, rows(7, 8), 100, true);

        assertThat(replaced.totalInserted()).isEqualTo(6);
        for (SourceTable table : SourceTable.values()) {
            assertThat(range(database, table)).isEqualTo(new KeyRange(7, 8, 2));
        }
    }

    @Test
    void aRowThatDoesNotParseNamesFileAndLineAndLeavesItsBatchOut() throws Exception {
        SourceDatabase database = freshDatabase();
        Path file = folder.resolve("user_data.jsonl");
        List<String> lines = Stream.of(1, 2, 3, 4, 5).map(id -> JsonCodec.get().toJson(TestRows.row(id).user()))
                .collect(java.util.stream.Collectors.toList());
        lines.add("{\"ind\": 6, \"first_name\": \"A\", \"last_name\": \"B\", \"age\": \"old\", \"date_joined\": "
                + "\"2015-10-21 03:17:47\"}");
        Files.write(file, lines);

        assertThatThrownBy(() -> load(database, new TableFileFeed(List.of(TableFile.of(file, null))), 3, false))
                .isInstanceOf(TableFileException.class)
                .hasMessageStartingWith(file + ":6: ")
                .hasMessageContaining("age");

        assertThat(range(database, SourceTable.USER)).isEqualTo(new KeyRange(1, 3, 3));
    }

    @Test
    void aMissingRowReadsAsEmptyAndAnEmptyTableHasNoRange() throws Exception {
        SourceDatabase database = freshDatabase();
        load(database, rows(3), 10, false);
        try (SourceReader reader = new SourceReader(database)) {
            assertThat(reader.read(SourceTable.PIN, 4)).isEmpty();
            assertThat(reader.readRow(4).geo()).isEmpty();
        }
        SourceDatabase empty = freshDatabase();
        try (java.sql.Connection connection = empty.connect()) {
            SourceLoader.createTables(connection, empty);
        }
        assertThat(range(empty, SourceTable.PIN).isEmpty()).isTrue();
    }
}
