package io.pinpipe.emulator.source;

import io.pinpipe.common.GeoRecord;
import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableFileFeedTest {

    @TempDir
    Path folder;

    private static List<SourceRecord> readAll(TableFile file) {
        List<SourceRecord> records = new ArrayList<>();
        try (TableFileFeed feed = new TableFileFeed(List.of(file))) {
            for (SourceRecord record = feed.next(); record != null; record = feed.next()) {
                records.add(record);
            }
        }
        return records;
    }

    @Test
    void csvColumnsMayComeInAnyOrderWithQuotedCommasAndBothDatetimeForms() throws Exception {
        Path csv = Files.writeString(folder.resolve("geolocation_data.csv"),
                "country,ind,latitude,longitude,timestamp\n"
                        + "\"Korea, Republic of\",3,-1.5,2.25,2019-01-01 07:21:13\n"
                        + "\"Cote d'Ivoire\",4,0.1,-0.2,2019-01-02T07:21:13\n");

        assertThat(readAll(TableFile.of(csv, null))).containsExactly(
                new GeoRecord(3, LocalDateTime.of(2019, 1, 1, 7, 21, 13), -1.5, 2.25, "Korea, Republic of"),
                new GeoRecord(4, LocalDateTime.of(2019, 1, 2, 7, 21, 13), 0.1, -0.2, "Cote d'Ivoire"));
    }

    @Test
    void csvHeaderMustNameTheTablesColumns() throws Exception {
        Path csv = Files.writeString(folder.resolve("geo.csv"), "ind,when,latitude,longitude,country\n");

        assertThatThrownBy(() -> readAll(TableFile.of(csv, null))).isInstanceOf(TableFileException.class)
                .hasMessageStartingWith(csv + ":1: the header does not match table geolocation_data")
                .hasMessageContaining("missing [timestamp]").hasMessageContaining("unknown [when]");
    }

    @Test
    void csvRowWithTheWrongNumberOfValuesNamesItsLine() throws Exception {
        Path csv = Files.writeString(folder.resolve("user.csv"), "ind,first_name,last_name,age,date_joined\n"
                + "1,A,B,20,2015-10-21 03:17:47\n"
                + "2,A,20,2015-10-21 03:17:47\n");

        assertThatThrownBy(() -> readAll(TableFile.of(csv, null))).isInstanceOf(TableFileException.class)
                .hasMessageStartingWith(csv + ":3: has 4 values");
    }

    @Test
    void jsonLinesRejectUnknownFieldsAndSkipBlankLines() throws Exception {
        Path file = Files.writeString(folder.resolve("user_data.jsonl"),
                "{\"ind\": 1, \"first_name\": \"A\", \"last_name\": \"B\", \"age\": 20, \"date_joined\": "
                        + "\"2015-10-21 03:17:47\"}\n\n"
                        + "{\"ind\": 2, \"first_name\": \"A\", \"last_name\": \"B\", \"age\": 20, \"date_joined\": "
                        + "\"2015-10-21 03:17:47\", \"email\": \"a@b\"}\n");

        assertThatThrownBy(() -> readAll(TableFile.of(file, null))).isInstanceOf(TableFileException.class)
                .hasMessageStartingWith(file + ":3: ").hasMessageContaining("email");
    }

    @Test
    void tableAndFormatComeFromTheFileName() throws Exception {
        Path pins = Files.writeString(folder.resolve("pinterest_data.jsonl"), "");
        Path unknown = Files.writeString(folder.resolve("pins.txt"), "");

        assertThat(TableFile.of(pins, null)).isEqualTo(new TableFile(pins, SourceTable.PIN, TableFormat.JSONL));
        assertThatThrownBy(() -> TableFile.of(unknown, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot tell the table of");
        assertThat(TableFile.inFolder(folder, TableFormat.CSV)).isEmpty();
        assertThat(TableFile.inFolder(folder, null)).extracting(TableFile::table).containsExactly(SourceTable.PIN);
    }
}
