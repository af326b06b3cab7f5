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
     * table, named after it, null for the other topics' records.
     */
    static Dataset<Row> parse(Dataset<Row> kafka, Topics topics) {
        Column text = col("value").cast("string");
        List<Column> columns = new ArrayList<>(List.of(col(TOPIC), col(PARTITION), col(OFFSET), text.as(RECORD)));
        for (SourceTable table : SourceTable.values()) {
            columns.add(when(col(TOPIC).equalTo(topics.streaming(table)),
                    from_json(text, RawSchemas.withCorruptRecord(table), PERMISSIVE)).as(table.shortName()));
        }
        return kafka.select(columns.toArray(Column[]::new));
    }

    /** One table's records of a parsed micro-batch, as raw rows of {@code table} plus topic, partition, offset, text. */
    static Dataset<Row> of(Dataset<Row> parsed, String topic, SourceTable table) {
        return parsed.where(col(TOPIC).equalTo(topic))
                .select(col(TOPIC), col(PARTITION), col(OFFSET), col(RECORD), col(table.shortName() + ".*"));
    }
}
