package io.pinpipe.emulator.dataset;

import io.pinpipe.common.GeoRecord;
import io.pinpipe.common.JsonCodec;
import io.pinpipe.common.PinRecord;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.UserRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The files the dataset writer produces: the real sample's exact JSON Lines form, RFC 4180 CSV, no partial files. */
class DatasetWriterTest {

    private static final String ODD_TEXT = "He said \"hi\", then\\left\nnext line\ttab \u00a0…\u00a0 Привет 👍 &#33;";

    @TempDir
    Path folder;

    @Test
    void rewritingTheRealSampleGivesItsBytesBack() throws IOException {
        JsonCodec codec = JsonCodec.get();
        List<String> pinLines = RealSampleRows.lines("pinterest_data.jsonl");
        List<String> geoLines = RealSampleRows.lines("geolocation_data.jsonl");
        List<String> userLines = RealSampleRows.lines("user_data.jsonl");
        List<String> expectedGeo = new ArrayList<>();
        List<String> expectedUser = new ArrayList<>();
        try (DatasetWriter writer = new DatasetWriter(folder, DatasetFormat.JSONL)) {
            for (String pinLine : pinLines) {
                PinRecord pin = codec.read(pinLine, PinRecord.class);
                String geoLine = geoLines.get(pin.index());
                String userLine = userLines.get(pin.index());
                writer.write(new SourceRow(pin, codec.read(geoLine, GeoRecord.class),
                        codec.read(userLine, UserRecord.class)));
                expectedGeo.add(geoLine);
                expectedUser.add(userLine);
            }
            writer.commit();
        }
        assertThat(lines(SourceTable.PIN, DatasetFormat.JSONL)).containsExactlyElementsOf(pinLines);
        assertThat(lines(SourceTable.GEO, DatasetFormat.JSONL)).containsExactlyElementsOf(expectedGeo);
        assertThat(lines(SourceTable.USER, DatasetFormat.JSONL)).containsExactlyElementsOf(expectedUser);
    }

    @Test
    void jsonLinesEscapeOnlyWhatJsonRequiresAndPrintDatetimesTheDatabaseWay() throws IOException {
        try (DatasetWriter writer = new DatasetWriter(folder, DatasetFormat.JSONL)) {
            writer.write(oddRow());
            writer.commit();
        }
        assertThat(Files.readString(DatasetWriter.fileOf(folder, SourceTable.GEO, DatasetFormat.JSONL)))
                .isEqualTo("{\"ind\": 7, \"timestamp\": \"2020-08-28 03:52:47\", \"latitude\": -89.9787, "
                        + "\"longitude\": 45.0, \"country\": \"Cote d'Ivoire\"}\n");
        String pin = Files.readString(DatasetWriter.fileOf(folder, SourceTable.PIN, DatasetFormat.JSONL));
        assertThat(pin).startsWith("{\"index\": 7, \"unique_id\": \"u\", \"title\": \"He said \\\"hi\\\", "
                + "then\\\\left\\nnext line\\ttab \u00a0…\u00a0 Привет 👍 &#33;\", ")
                .endsWith("\"category\": \"art\"}\n");
        assertThat(JsonCodec.get().read(pin.strip(), PinRecord.class)).isEqualTo(oddRow().pin());
    }

    @Test
    void csvHasAHeaderAndQuotesWhatAReaderNeedsToGetEveryValueBack() throws IOException {
        try (DatasetWriter writer = new DatasetWriter(folder, DatasetFormat.CSV)) {
            writer.write(oddRow());
            writer.commit();
        }
        List<CSVRecord> pins = parse(SourceTable.PIN);
        assertThat(pins.get(0).toList()).containsExactlyElementsOf(SourceTable.PIN.columns());
        assertThat(pins.get(1).toList()).containsExactly("7", "u", ODD_TEXT, " leading and trailing ",
                "Poster, Inc.", "12k", "a,b,c", "image", "src", "1", "Local save in /data/art", "art");
        assertThat(parse(SourceTable.GEO).get(1).toList())
                .containsExactly("7", "2020-08-28 03:52:47", "-89.9787", "45.0", "Cote d'Ivoire");
        assertThat(parse(SourceTable.USER).get(1).toList())
                .containsExactly("7", "Ann", "O'Neil", "20", "2015-10-21 03:17:47");
    }

    @Test
    void theSameSeedWritesByteIdenticalFilesInBothFormats() throws IOException {
        for (DatasetFormat format : DatasetFormat.values()) {
            for (String run : List.of("a", "b")) {
                try (DatasetWriter writer = new DatasetWriter(folder.resolve(run), format);
                     Stream<SourceRow> rows = new DatasetGenerator(9, 1_500).rows()) {
                    for (SourceRow row : (Iterable<SourceRow>) rows::iterator) {
                        writer.write(row);
                    }
                    writer.commit();
                }
            }
            for (SourceTable table : SourceTable.values()) {
                byte[] a = Files.readAllBytes(DatasetWriter.fileOf(folder.resolve("a"), table, format));
                byte[] b = Files.readAllBytes(DatasetWriter.fileOf(folder.resolve("b"), table, format));
                assertThat(a).as("%s %s", table, format).isEqualTo(b);
                long lines = new String(a, StandardCharsets.UTF_8).lines().count();
                if (format == DatasetFormat.JSONL) {
                    assertThat(lines).isEqualTo(1_500);
                }
            }
        }
    }

    @Test
    void filesAppearOnlyOnCommitAndAnAbandonedRunLeavesNothing() throws IOException {
        try (DatasetWriter writer = new DatasetWriter(folder, DatasetFormat.JSONL)) {
            writer.write(oddRow());
            assertThat(DatasetWriter.fileOf(folder, SourceTable.PIN, DatasetFormat.JSONL)).doesNotExist();
        }
        try (Stream<Path> left = Files.list(folder)) {
            assertThat(left).isEmpty();
        }
    }

    private static SourceRow oddRow() {
        PinRecord pin = new PinRecord(7, "u", ODD_TEXT, " leading and trailing ", "Poster, Inc.", "12k", "a,b,c",
                "image", "src", 1, "Local save in /data/art", "art");
        GeoRecord geo = new GeoRecord(7, LocalDateTime.of(2020, 8, 28, 3, 52, 47), -89.9787, 45.0, "Cote d'Ivoire");
        UserRecord user = new UserRecord(7, "Ann", "O'Neil", 20, LocalDateTime.of(2015, 10, 21, 3, 17, 47));
        return new SourceRow(pin, geo, user);
    }

    private List<String> lines(SourceTable table, DatasetFormat format) throws IOException {
        return Files.readAllLines(DatasetWriter.fileOf(folder, table, format), StandardCharsets.UTF_8);
    }

    private List<CSVRecord> parse(SourceTable table) throws IOException {
        try (Reader reader = Files.newBufferedReader(DatasetWriter.fileOf(folder, table, DatasetFormat.CSV));
             CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(false).get().parse(reader)) {
            return parser.getRecords();
        }
    }
}
