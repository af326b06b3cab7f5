package io.pinpipe.emulator.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pinpipe.common.JsonCodec;
import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a CSV table file with a header row naming the table's columns, in any order. A leading column with an
 * empty name (the index pandas writes) is ignored; any other unknown or missing column is an error. Values go
 * through {@link JsonCodec}, so a CSV row is checked exactly like a JSON one and datetimes may take either form.
 */
final class CsvRows implements Closeable {

    private final TableFile file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;

    CsvRows(TableFile file) throws IOException {
        this.file = file;
        this.parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true)
                .get().parse(Files.newBufferedReader(file.path(), StandardCharsets.UTF_8));
        this.header = new ArrayList<>(parser.getHeaderNames());
        checkHeader(file.table());
        this.records = parser.iterator();
    }

    /** The next row, or null at the end of the file. */
    SourceRecord next() {
        CSVRecord row;
        try {
            if (!records.hasNext()) {
                return null;
            }
            row = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new TableFileException(file.path() + ":" + (parser.getCurrentLineNumber() + 1),
                    "not valid CSV: " + e.getMessage(), e);
        }
        String location = file.path() + ":" + (row.getRecordNumber() + 1);
        if (!row.isConsistent()) {
            throw new TableFileException(location, "has " + row.size() + " values, the header names "
                    + header.size(), null);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String column : file.table().columns()) {
            values.put(column, row.get(column));
        }
        try {
            String json = JsonCodec.get().mapper().writeValueAsString(values);
            return JsonCodec.get().read(json, file.table().recordType());
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new TableFileException(location, TableFileFeed.problem(e), e);
        }
    }

    private void checkHeader(SourceTable table) {
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            boolean pandasIndex = i == 0 && name.isBlank();
            if (!pandasIndex && !table.columns().contains(name)) {
                unknown.add(name);
            }
        }
        List<String> missing = new ArrayList<>(table.columns());
        missing.removeAll(header);
        if (!unknown.isEmpty() || !missing.isEmpty()) {
            throw new TableFileException(file.path() + ":1", "the header does not match table " + table.sqlName()
                    + (missing.isEmpty() ? "" : "; missing " + missing) + (unknown.isEmpty() ? "" : "; unknown "
                    + unknown) + "; expected " + table.columns(), null);
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
