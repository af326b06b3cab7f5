package io.pinpipe.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes results as {@code <name>.csv} (RFC 4180, header row, {@code \n}) and {@code <name>.json} (an array of
 * objects) to a folder or an s3a:// prefix, through Hadoop's file system so both work the same.
 */
public final class ResultFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String location;
    private final Configuration hadoop;

    public ResultFiles(String location, Configuration hadoop) {
        this.location = location;
        this.hadoop = hadoop;
    }

    public String location() {
        return location;
    }

    /** Writes both files of a result, {@code <question>.csv} and {@code <question>.json}. */
    public void write(ResultTable table) {
        writeText(csvFile(table), csv(table));
        writeText(file(table, ".json"), json(table));
    }

    /** Where a result's CSV file is: {@code <location>/<question>.csv}. */
    public String csvFile(ResultTable table) {
        return file(table, ".csv");
    }

    private String file(ResultTable table, String extension) {
        return location + "/" + table.question().name() + extension;
    }

    /** Writes one text file (UTF-8), replacing what was there. */
    public void writeText(String file, String content) {
        try {
            FileSystem fs = FileSystem.get(URI.create(file), hadoop);
            try (FSDataOutputStream out = fs.create(new Path(file), true)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String csv(ResultTable table) {
        StringBuilder text = new StringBuilder();
        text.append(csvLine(new ArrayList<>(table.columns())));
        for (List<Object> row : table.rows()) {
            text.append(csvLine(row));
        }
        return text.toString();
    }

    static String json(ResultTable table) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < table.columns().size(); i++) {
                object.put(table.columns().get(i), row.get(i));
            }
            objects.add(object);
        }
        try {
            return JSON.writeValueAsString(objects) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + table.question().name() + " as JSON", e);
        }
    }

    private static String csvLine(List<?> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String value = ResultTable.format(values.get(i));
            if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
                value = "\"" + value.replace("\"", "\"\"") + "\"";
            }
            line.append(value);
        }
        return line.append('\n').toString();
    }
}
