package io.pinpipe.emulator.source;

import io.pinpipe.common.GeoRecord;
import io.pinpipe.common.PinRecord;
import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.UserRecord;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;

/** Moves records into statement parameters and out of result rows, in table column order. */
final class RowMapping {

    private RowMapping() {
    }

    static void bind(PreparedStatement statement, SourceRecord record) throws SQLException {
        if (record instanceof PinRecord pin) {
            statement.setInt(1, pin.index());
            statement.setString(2, pin.uniqueId());
            statement.setString(3, pin.title());
            statement.setString(4, pin.description());
            statement.setString(5, pin.posterName());
            statement.setString(6, pin.followerCount());
            statement.setString(7, pin.tagList());
            statement.setString(8, pin.isImageOrVideo());
            statement.setString(9, pin.imageSrc());
            statement.setInt(10, pin.downloaded());
            statement.setString(11, pin.saveLocation());
            statement.setString(12, pin.category());
        } else if (record instanceof GeoRecord geo) {
            statement.setInt(1, geo.ind());
            statement.setObject(2, geo.timestamp());
            statement.setDouble(3, geo.latitude());
            statement.setDouble(4, geo.longitude());
            statement.setString(5, geo.country());
        } else if (record instanceof UserRecord user) {
            statement.setInt(1, user.ind());
            statement.setString(2, user.firstName());
            statement.setString(3, user.lastName());
            statement.setInt(4, user.age());
            statement.setObject(5, user.dateJoined());
        } else {
            throw new IllegalArgumentException("not a source record: " + record);
        }
    }

    static SourceRecord read(SourceTable table, ResultSet row) throws SQLException {
        return switch (table) {
            case PIN -> new PinRecord(row.getInt(1), row.getString(2), row.getString(3), row.getString(4),
                    row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                    row.getInt(10), row.getString(11), row.getString(12));
            case GEO -> new GeoRecord(row.getInt(1), row.getObject(2, LocalDateTime.class), row.getDouble(3),
                    row.getDouble(4), row.getString(5));
            case USER -> new UserRecord(row.getInt(1), row.getString(2), row.getString(3), row.getInt(4),
                    row.getObject(5, LocalDateTime.class));
        };
    }
}
