package io.pinpipe.emulator.source;

import io.pinpipe.common.SourceTable;

import java.util.Set;

/**
 * Records to load, one at a time, from files or from the generator. {@link #next()} throws a
 * {@link TableFileException} naming file and line for a row that does not parse.
 */
public interface RecordFeed extends AutoCloseable {

    /** The tables this feed fills; {@code --replace} empties exactly these. */
    Set<SourceTable> tables();

    /** The next record, or null at the end. */
    io.pinpipe.common.SourceRecord next();

    @Override
    void close();
}
