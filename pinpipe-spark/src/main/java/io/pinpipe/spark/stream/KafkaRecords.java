package io.pinpipe.spark.stream;

import io.pinpipe.common.SourceTable;
import io.pinpipe.common.Topics;
import io.pinpipe.spark.RawSchemas;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.when;

/**
 * Turns the records of Spark's Kafka source into the raw rows the shared cleaning reads: the value (the JSON text
 * the gateway stored) parsed with the table's explicit schema, exactly as the batch job reads a lake line. A value
 * that does not fit keeps its text in {@link RawSchemas#CORRUPT_RECORD}; every row keeps where it came from.
 */
final class KafkaRecords {

    /** Where a record came from, and its text: the stream's quarantine columns besides the reason. */
    static final String TOPIC = "topic";
    static final String PARTITION = "partition";
    static final String OFFSET = "offset";
    static final String RECORD = "record";

    private static final Map<String, String> PERMISSIVE = Map.of("mode", "PERMISSIVE",
            "columnNameOfCorruptRecord", RawSchemas.CORRUPT_RECORD);

    private KafkaRecords() {
    }

    /**
     * Every record of a micro-batch with its value parsed once, by its own topic's schema: one struct column per
     * table, named after it, null for the other topics' records. The value's text is left out: the micro-batch's
     * cache would hold every record twice for the few that fail the checks ({@link #texts} finds theirs).
     */
    static Dataset<Row> parse(Dataset<Row> kafka, Topics topics) {
        Column text = col("value").cast("string");
        List<Column> columns = new ArrayList<>(List.of(col(TOPIC), col(PARTITION), col(OFFSET)));
        for (SourceTable table : SourceTable.values()) {
            columns.add(when(col(TOPIC).equalTo(topics.streaming(table)),
                    from_json(text, RawSchemas.withCorruptRecord(table), PERMISSIVE)).as(table.shortName()));
        }
        return kafka.select(columns.toArray(Column[]::new));
    }

    /** One table's records of a parsed micro-batch, as raw rows of {@code table} plus topic, partition, offset. */
    static Dataset<Row> of(Dataset<Row> parsed, String topic, SourceTable table) {
        return parsed.where(col(TOPIC).equalTo(topic))
                .select(col(TOPIC), col(PARTITION), col(OFFSET), col(table.shortName() + ".*"));
    }

    /**
     * The text of each of {@code records} (rows with topic, partition and offset), read again from the micro-batch
     * {@code kafka}: as the gateway stored it, in column {@link #RECORD}.
     */
    static Dataset<Row> texts(Dataset<Row> kafka, Dataset<Row> records) {
        Dataset<Row> texts = kafka.select(col(TOPIC).as("t"), col(PARTITION).as("p"), col(OFFSET).as("o"),
                col("value").cast("string").as(RECORD));
        return records.join(texts, records.col(TOPIC).equalTo(texts.col("t"))
                        .and(records.col(PARTITION).equalTo(texts.col("p")))
                        .and(records.col(OFFSET).equalTo(texts.col("o"))))
                .drop("t", "p", "o");
    }
}
