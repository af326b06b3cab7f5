package io.pinpipe.emulator.source;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.pinpipe.common.JsonCodec;
import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The records of table files, file after file, each parsed strictly; errors name {@code file:line}. */
public final class TableFileFeed implements RecordFeed {

    private final Deque<TableFile> pending;
    private final Set<SourceTable> tables = EnumSet.noneOf(SourceTable.class);
    private TableFile current;
    private BufferedReader jsonLines;
    private CsvRows csvRows;
    private long lineNumber;

    public TableFileFeed(List<TableFile> files) {
        this.pending = new ArrayDeque<>(files);
        files.forEach(file -> tables.add(file.table()));
    }

    @Override
    public Set<SourceTable> tables() {
        return tables;
    }

    @Override
    public SourceRecord next() {
        while (true) {
            if (current == null && !open()) {
                return null;
            }
            SourceRecord record = current.format() == TableFormat.JSONL ? nextJsonLine() : csvRows.next();
            if (record != null) {
                return record;
            }
            closeCurrent();
        }
    }

    private boolean open() {
        current = pending.poll();
        if (current == null) {
            return false;
        }
        try {
            if (current.format() == TableFormat.JSONL) {
                jsonLines = Files.newBufferedReader(current.path(), StandardCharsets.UTF_8);
                lineNumber = 0;
            } else {
                csvRows = new CsvRows(current);
            }
            return true;
        } catch (IOException e) {
            throw new SourceException("cannot read " + current.path() + ": " + e.getMessage(), e);
        }
    }

    private SourceRecord nextJsonLine() {
        try {
            String line;
            do {
                line = jsonLines.readLine();
                lineNumber++;
                if (line == null) {
                    return null;
                }
            } while (line.isBlank());
            try {
                return JsonCodec.get().read(line, current.table().recordType());
            } catch (IllegalArgumentException e) {
                throw new TableFileException(current.path() + ":" + lineNumber, problem(e), e);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new SourceException("cannot read " + current.path() + " after line " + lineNumber + ": "
                    + e.getMessage(), e);
        }
    }

    /** The codec's message, led by the field it concerns when the codec knows it. */
    static String problem(Exception e) {
        Throwable cause = e instanceof JsonMappingException ? e : e.getCause();
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
            if (field != null) {
                return "field '" + field + "': " + e.getMessage();
            }
        }
        return e.getMessage();
    }

    private void closeCurrent() {
        try {
            if (jsonLines != null) {
                jsonLines.close();
            }
            if (csvRows != null) {
                csvRows.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            jsonLines = null;
            csvRows = null;
            current = null;
        }
    }

    @Override
    public void close() {
        if (current != null) {
            closeCurrent();
        }
    }
}
