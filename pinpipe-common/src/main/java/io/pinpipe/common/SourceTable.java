package io.pinpipe.common;

import java.util.List;
import java.util.Locale;

/**
 * The three source tables of the course database, with their SQL names, their key and column order, the record
 * type that carries a row, and the topic suffix their events travel under.
 */
public enum SourceTable {
    PIN("pinterest_data", "pin", PinRecord.class, List.of("index", "unique_id", "title", "description",
            "poster_name", "follower_count", "tag_list", "is_image_or_video", "image_src", "downloaded",
            "save_location", "category")),
    GEO("geolocation_data", "geo", GeoRecord.class, List.of("ind", "timestamp", "latitude", "longitude", "country")),
    USER("user_data", "user", UserRecord.class, List.of("ind", "first_name", "last_name", "age", "date_joined"));

    private final String sqlName;
    private final String shortName;
    private final Class<? extends SourceRecord> recordType;
    private final List<String> columns;

    SourceTable(String sqlName, String shortName, Class<? extends SourceRecord> recordType, List<String> columns) {
        this.sqlName = sqlName;
        this.shortName = shortName;
        this.recordType = recordType;
        this.columns = columns;
    }

    /** The table name in the source database, e.g. {@code pinterest_data}. */
    public String sqlName() {
        return sqlName;
    }

    /** The short name used in topic names and file names: {@code pin}, {@code geo}, {@code user}. */
    public String shortName() {
        return shortName;
    }

    public Class<? extends SourceRecord> recordType() {
        return recordType;
    }

    /** Column names in table order; the first one is the key ({@code index} or {@code ind}). */
    public List<String> columns() {
        return columns;
    }

    public String keyColumn() {
        return columns.get(0);
    }

    /** Looks a table up by its short name ({@code pin}) or SQL name ({@code pinterest_data}), case-insensitively. */
    public static SourceTable of(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (SourceTable table : values()) {
            if (table.shortName.equals(wanted) || table.sqlName.equals(wanted)) {
                return table;
            }
        }
        throw new IllegalArgumentException("unknown table '" + name + "': expected pin, geo or user");
    }
}
