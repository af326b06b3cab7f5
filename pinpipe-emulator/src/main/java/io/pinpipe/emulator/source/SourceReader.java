package io.pinpipe.emulator.source;

import io.pinpipe.common.GeoRecord;
import io.pinpipe.common.PinRecord;
import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.UserRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads rows of the source tables by key over one connection, with one prepared point lookup per table
 * ({@code WHERE "index" = ?}), never an offset scan. Not thread-safe: give each emulator worker its own reader.
 */
public final class SourceReader implements AutoCloseable {

    private final SourceDatabase database;
    private final Connection connection;
    private final SourceSchema schema;
    private final Map<SourceTable, PreparedStatement> lookups = new EnumMap<>(SourceTable.class);

    public SourceReader(SourceDatabase database) {
        this.database = database;
        this.connection = database.connect();
        try {
            this.schema = new SourceSchema(SqlDialect.of(connection));
            for (SourceTable table : SourceTable.values()) {
                lookups.put(table, connection.prepareStatement(schema.selectByKey(table)));
            }
        } catch (SQLException e) {
            close();
            throw database.failure("cannot prepare reads of the source tables (were they loaded? try "
                    + "'pinpipe dataset load')", e);
        }
    }

    /** Row {@code id} of one table, or empty when the table has no such row. */
    public Optional<SourceRecord> read(SourceTable table, int id) {
        PreparedStatement lookup = lookups.get(table);
        try {
            lookup.setInt(1, id);
            try (ResultSet row = lookup.executeQuery()) {
                return row.next() ? Optional.of(RowMapping.read(table, row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw database.failure("cannot read row " + id + " of " + table.sqlName(), e);
        }
    }

    /** Row {@code id} of the three tables, each part empty where that table lacks the row. */
    public DrawnRow readRow(int id) {
        return new DrawnRow(id, read(SourceTable.PIN, id).map(PinRecord.class::cast),
                read(SourceTable.GEO, id).map(GeoRecord.class::cast),
                read(SourceTable.USER, id).map(UserRecord.class::cast));
    }

    public KeyRange keyRange(SourceTable table) {
        try (PreparedStatement query = connection.prepareStatement(schema.keyRange(table));
             ResultSet row = query.executeQuery()) {
            row.next();
            return new KeyRange(row.getInt(1), row.getInt(2), row.getLong(3));
        } catch (SQLException e) {
            throw database.failure("cannot read the key range of " + table.sqlName(), e);
        }
    }

    @Override
    public void close() {
        try {
            for (PreparedStatement lookup : lookups.values()) {
                lookup.close();
            }
            connection.close();
        } catch (SQLException e) {
            throw database.failure("cannot close the source connection", e);
        }
    }

    /** Row {@code id} of each table as the emulator sends it. */
    public record DrawnRow(int id, Optional<PinRecord> pin, Optional<GeoRecord> geo, Optional<UserRecord> user) {

        public Optional<? extends SourceRecord> of(SourceTable table) {
            return switch (table) {
                case PIN -> pin;
                case GEO -> geo;
                case USER -> user;
            };
        }
    }
}
