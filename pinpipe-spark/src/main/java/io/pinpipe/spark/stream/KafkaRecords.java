package io.pinpipe.spark.stream;

import io.pinpipe.common.SourceTable;
import io.pinpipe.spark.RawSchemas;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;

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

    /** The records of one topic in a micro-batch, as raw rows of {@code table} plus topic, partition, offset, text. */
    static Dataset<Row> parse(Dataset<Row> kafka, String topic, SourceTable table) {
        Column text = col("value").cast("string");
        return kafka.where(col(TOPIC).equalTo(topic))
                .select(col(TOPIC), col(PARTITION), col(OFFSET), text.as(RECORD),
                        from_json(text, RawSchemas.withCorruptRecord(table), PERMISSIVE).as("raw"))
                .select(col(TOPIC), col(PARTITION), col(OFFSET), col(RECORD), col("raw.*"));
    }
}
