package io.pinpipe.spark;

import io.pinpipe.common.SourceTable;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The explicit schemas of the lake's JSON records, one per topic: the job never infers a schema, so a malformed
 * line cannot change a column's type. Datetimes are read as text and parsed by {@link Cleaning} (both forms are
 * accepted there). {@link #CORRUPT_RECORD} holds the raw line of anything the JSON reader cannot fit.
 */
public final class RawSchemas {

    /** The column Spark's permissive JSON reader fills with the raw text of a line it cannot parse. */
    public static final String CORRUPT_RECORD = "_corrupt_record";

    public static final StructType PIN = new StructType()
            .add("index", DataTypes.IntegerType)
            .add("unique_id", DataTypes.StringType)
            .add("title", DataTypes.StringType)
            .add("description", DataTypes.StringType)
            .add("poster_name", DataTypes.StringType)
            .add("follower_count", DataTypes.StringType)
            .add("tag_list", DataTypes.StringType)
            .add("is_image_or_video", DataTypes.StringType)
            .add("image_src", DataTypes.StringType)
            .add("downloaded", DataTypes.IntegerType)
            .add("save_location", DataTypes.StringType)
            .add("category", DataTypes.StringType);

    public static final StructType GEO = new StructType()
            .add("ind", DataTypes.IntegerType)
            .add("timestamp", DataTypes.StringType)
            .add("latitude", DataTypes.DoubleType)
            .add("longitude", DataTypes.DoubleType)
            .add("country", DataTypes.StringType);

    public static final StructType USER = new StructType()
            .add("ind", DataTypes.IntegerType)
            .add("first_name", DataTypes.StringType)
            .add("last_name", DataTypes.StringType)
            .add("age", DataTypes.IntegerType)
            .add("date_joined", DataTypes.StringType);

    private RawSchemas() {
    }

    public static StructType of(SourceTable table) {
        return switch (table) {
            case PIN -> PIN;
            case GEO -> GEO;
            case USER -> USER;
        };
    }

    /** The schema handed to the JSON reader: the record's columns plus {@link #CORRUPT_RECORD}. */
    public static StructType withCorruptRecord(SourceTable table) {
        return of(table).add(CORRUPT_RECORD, DataTypes.StringType);
    }
}
