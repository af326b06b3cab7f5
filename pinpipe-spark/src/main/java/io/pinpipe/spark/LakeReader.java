package io.pinpipe.spark;

import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TopicLayout;
import io.pinpipe.common.Topics;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * Reads one topic of the lake ({@code <lake>/<topicsDir>/<topic>/partition=<p>/*.json}, JSON Lines as the sink
 * wrote them, {@code topicsDir} being the sink's {@code topics.dir}) with the topic's explicit schema. Lines that do
 * not fit keep their raw text in {@link RawSchemas#CORRUPT_RECORD}; every row carries the file it came from in
 * {@link #SOURCE_FILE}.
 */
public final class LakeReader {

    /** The column holding the lake file a row was read from. */
    public static final String SOURCE_FILE = "_source_file";

    private final SparkSession spark;
    private final String lake;
    private final TopicLayout layout;
    private final Topics topics;
    private final Optional<LocalDate> since;
    private final Optional<LocalDate> until;

    public LakeReader(SparkSession spark, String lake, TopicLayout layout, Topics topics, Optional<LocalDate> since,
                      Optional<LocalDate> until) {
        this.spark = spark;
        this.lake = lake;
        this.layout = layout;
        this.topics = topics;
        this.since = since;
        this.until = until;
    }

    /** The topic folder of a table: {@code <lake>/<topicsDir>/<id>.pin}. */
    public String topicLocation(SourceTable table) {
        return lake + "/" + layout.topicDir(topics.batch(table));
    }

    /**
     * The raw rows of a table, plus {@link #SOURCE_FILE}. A topic with no folder yet reads as empty (the sink has
     * not flushed anything), so a fresh pipeline's first run does not fail.
     */
    public Dataset<Row> read(SourceTable table) {
        String location = topicLocation(table);
        if (!exists(location)) {
            return spark.createDataFrame(List.of(), RawSchemas.withCorruptRecord(table))
                    .withColumn(SOURCE_FILE, org.apache.spark.sql.functions.lit(null).cast("string"));
        }
        DataFrameReader reader = spark.read()
                .schema(RawSchemas.withCorruptRecord(table))
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", RawSchemas.CORRUPT_RECORD)
                .option("recursiveFileLookup", "true")
                .option("pathGlobFilter", "*" + TopicLayout.JSON_EXTENSION)
                .option("encoding", "UTF-8");
        since.ifPresent(day -> reader.option("modifiedAfter", day.atStartOfDay().toString()));
        until.ifPresent(day -> reader.option("modifiedBefore", day.atStartOfDay().toString()));
        Dataset<Row> rows = reader.json(location);
        return rows.withColumn(SOURCE_FILE, col("_metadata.file_path"));
    }

    private boolean exists(String location) {
        try {
            Path path = new Path(location);
            FileSystem fs = FileSystem.get(URI.create(location), spark.sparkContext().hadoopConfiguration());
            return fs.exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at the lake location " + location, e);
        }
    }
}
