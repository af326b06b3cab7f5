package io.pinpipe.common;

/** A row of one of the three source tables; rows of the three tables with the same {@link #id()} belong together. */
public sealed interface SourceRecord permits PinRecord, GeoRecord, UserRecord {

    /** The row number shared by the three tables: {@code index} for pins, {@code ind} for geo and user rows. */
    int id();

    SourceTable table();
}
