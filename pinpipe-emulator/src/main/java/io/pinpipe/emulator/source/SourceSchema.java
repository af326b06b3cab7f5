package io.pinpipe.emulator.source;

import io.pinpipe.common.SourceTable;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The SQL of the three course tables for one dialect: their DDL (same columns and types as the course's MySQL,
 * primary key on {@code index}/{@code ind}), and the statements the loader and the reader run. Every identifier is
 * quoted, because {@code index} is a reserved word everywhere.
 */
public final class SourceSchema {

    /** Column types by kind; the key column is always INT. */
    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("index", Kind.INT), Map.entry("ind", Kind.INT), Map.entry("downloaded", Kind.INT),
            Map.entry("age", Kind.INT), Map.entry("timestamp", Kind.DATETIME), Map.entry("date_joined", Kind.DATETIME),
            Map.entry("latitude", Kind.DOUBLE), Map.entry("longitude", Kind.DOUBLE));

    private final SqlDialect dialect;

    public SourceSchema(SqlDialect dialect) {
        this.dialect = dialect;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    public String createTable(SourceTable table) {
        String columns = table.columns().stream()
                .map(column -> dialect.quote(column) + " " + typeOf(column)
                        + (column.equals(table.keyColumn()) ? " NOT NULL" : ""))
                .collect(Collectors.joining(", "));
        return "CREATE TABLE IF NOT EXISTS " + name(table) + " (" + columns + ", PRIMARY KEY ("
                + dialect.quote(table.keyColumn()) + "))" + dialect.tableOptions();
    }

    /** Empties a table; DELETE rather than TRUNCATE so it runs inside the loader's transaction everywhere. */
    public String deleteAll(SourceTable table) {
        return "DELETE FROM " + name(table);
    }

    public String insert(SourceTable table) {
        List<String> columns = table.columns();
        return "INSERT INTO " + name(table) + " (" + columns.stream().map(dialect::quote)
                .collect(Collectors.joining(", ")) + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)";
    }

    /** One row by key: a prepared point lookup on the primary key, never an offset scan. */
    public String selectByKey(SourceTable table) {
        return "SELECT " + table.columns().stream().map(dialect::quote).collect(Collectors.joining(", "))
                + " FROM " + name(table) + " WHERE " + dialect.quote(table.keyColumn()) + " = ?";
    }

    /** The keys already present between two bounds: the loader skips them. */
    public String keysBetween(SourceTable table) {
        String key = dialect.quote(table.keyColumn());
        return "SELECT " + key + " FROM " + name(table) + " WHERE " + key + " BETWEEN ? AND ?";
    }

    public String keyRange(SourceTable table) {
        String key = dialect.quote(table.keyColumn());
        return "SELECT MIN(" + key + "), MAX(" + key + "), COUNT(*) FROM " + name(table);
    }

    public String name(SourceTable table) {
        return dialect.quote(table.sqlName());
    }

    private String typeOf(String column) {
        Kind kind = KINDS.getOrDefault(column, Kind.TEXT);
        return switch (kind) {
            case INT -> "INT";
            case DOUBLE -> dialect.doubleType();
            case DATETIME -> dialect.datetimeType();
            case TEXT -> dialect.textType();
        };
    }

    private enum Kind { INT, DOUBLE, DATETIME, TEXT }
}
