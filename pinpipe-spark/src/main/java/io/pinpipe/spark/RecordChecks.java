package io.pinpipe.spark;

import io.pinpipe.common.SourceTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Arrays;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

/**
 * Decides which raw rows can be cleaned. A row that cannot gets a reason and goes to the quarantine table with the
 * file it came from and its raw text; nothing is dropped silently. The checks are column expressions, so they run
 * where the data is.
 */
public final class RecordChecks {

    /** The reason column: null for a row that passes. */
    public static final String REASON = "reason";

    /** Quarantine table columns, in order. */
    public static final String[] QUARANTINE_COLUMNS = {"topic", "source_file", "reason", "record"};

    static final String MALFORMED = "malformed JSON or a value of the wrong type";

    private RecordChecks() {
    }

    /** The raw rows with {@link #REASON} added. */
    public static Dataset<Row> withReason(Dataset<Row> raw, SourceTable table, Placeholders placeholders) {
        return raw.withColumn(REASON, reason(table, placeholders));
    }

    /** Why a raw row of {@code table} cannot be cleaned, or null when it can. */
    public static Column reason(SourceTable table, Placeholders placeholders) {
        Column corrupt = col(RawSchemas.CORRUPT_RECORD).isNotNull();
        Column key = col(table.keyColumn());
        Column reason = when(corrupt, lit(MALFORMED))
                .when(key.isNull(), lit("missing " + table.keyColumn()));
        return switch (table) {
            case PIN -> {
                Column follower = col("follower_count");
                Column readable = follower.isNull().or(follower.isin(placeholders.of("follower_count").toArray()))
                        .or(Cleaning.isFollowerCount(follower));
                yield reason.when(readable.unary_$bang(), concat(lit("follower_count '"), follower,
                        lit("' is not N, Nk or NM")));
            }
            case GEO -> datetimeReason(reason, "timestamp");
            case USER -> datetimeReason(reason, "date_joined");
        };
    }

    /** The quarantined rows of a checked dataset, in the quarantine table's columns. */
    public static Dataset<Row> quarantined(Dataset<Row> checked, SourceTable table, String topic) {
        Column[] rawColumns = Arrays.stream(RawSchemas.of(table).fieldNames()).map(name -> col(name))
                .toArray(Column[]::new);
        return checked.where(col(REASON).isNotNull())
                .select(lit(topic).as("topic"), col(LakeReader.SOURCE_FILE).as("source_file"), col(REASON),
                        coalesce(col(RawSchemas.CORRUPT_RECORD), to_json(struct(rawColumns))).as("record"));
    }

    /** The rows that pass, with their raw columns. */
    public static Dataset<Row> passed(Dataset<Row> checked) {
        return checked.where(col(REASON).isNull());
    }

    private static Column datetimeReason(Column reason, String column) {
        Column value = col(column);
        return reason.when(value.isNull(), lit("missing " + column))
                .when(Cleaning.datetime(value).isNull(), concat(lit(column + " '"), value,
                        lit("' is not YYYY-MM-DDTHH:MM:SS or YYYY-MM-DD HH:MM:SS")));
    }
}
