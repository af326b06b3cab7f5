package io.pinpipe.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * For the stream latency benchmark: which Delta commit made each row of a local table visible. Reads the commit
 * files of {@code _delta_log} (each {@code add} names a data file), reads the {@code ind} of every added file, and
 * writes {@code <version> <ind>} lines. Valid for tables written only by insert-only merges and appends (files are
 * added, never rewritten), as the stream's clean tables are.
 * Usage: {@code CommitInds TABLE_DIR OUT_FILE}.
 */
public final class CommitInds {

    private CommitInds() {
    }

    public static void main(String[] args) throws IOException {
        Path table = Path.of(args[0]).toAbsolutePath();
        Map<String, Long> versionOfFile = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        List<Path> commits;
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            commits = files.filter(file -> file.getFileName().toString().matches("\\d{20}\\.json")).sorted().toList();
        }
        for (Path commit : commits) {
            long version = Long.parseLong(commit.getFileName().toString().substring(0, 20));
            for (String line : Files.readAllLines(commit, StandardCharsets.UTF_8)) {
                JsonNode add = json.readTree(line).get("add");
                if (add != null) {
                    versionOfFile.put(table.resolve(add.get("path").asText()).toUri().getPath(), version);
                }
            }
        }
        SparkSession spark = SparkSessions.batch(new SparkConf().setIfMissing("spark.app.name", "commit inds"), 2);
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            List<String> paths = new ArrayList<>(versionOfFile.keySet());
            if (!paths.isEmpty()) {
                Iterator<Row> rows = spark.read().parquet(paths.toArray(String[]::new))
                        .select(col("ind"), col("_metadata.file_path")).toLocalIterator();
                while (rows.hasNext()) {
                    Row row = rows.next();
                    Long version = versionOfFile.get(java.net.URI.create(row.getString(1)).getPath());
                    out.write(version + " " + row.getInt(0) + "\n");
                }
            }
        } finally {
            spark.stop();
        }
    }
}
