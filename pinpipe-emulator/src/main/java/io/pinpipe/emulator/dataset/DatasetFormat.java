package io.pinpipe.emulator.dataset;

import io.pinpipe.common.SourceTable;

import java.util.List;

/** The file formats the dataset is written in, each as one line format per row. */
public enum DatasetFormat {
    /** One JSON object per line, as the real sample files ({@code testdata/real-sample}, gzipped there). */
    JSONL("jsonl") {
        @Override
        void appendRow(StringBuilder line, SourceTable table, List<Object> values) {
            DatabaseJson.appendObject(line, table.columns(), values);
        }

        @Override
        String header(SourceTable table) {
            return null;
        }
    },
    /** RFC 4180 CSV with a header row; fields with commas, quotes, line breaks or edge spaces are quoted. */
    CSV("csv") {
        @Override
        void appendRow(StringBuilder line, SourceTable table, List<Object> values) {
            Csv.appendRecord(line, values);
        }

        @Override
        String header(SourceTable table) {
            StringBuilder line = new StringBuilder();
            Csv.appendRecord(line, List.copyOf(table.columns()));
            return line.toString();
        }
    };

    private final String extension;

    DatasetFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The file of {@code table} in this format: {@code pinterest_data.jsonl}, {@code user_data.csv}, … */
    public String fileName(SourceTable table) {
        return table.sqlName() + "." + extension;
    }

    /** Appends one row (without the line end) to {@code line}. */
    abstract void appendRow(StringBuilder line, SourceTable table, List<Object> values);

    /** The header line of {@code table}'s file, or null when the format has none. */
    abstract String header(SourceTable table);
}
