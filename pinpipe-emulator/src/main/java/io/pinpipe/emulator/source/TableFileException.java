package io.pinpipe.emulator.source;

/** A table file holds a row that does not parse; the message starts with {@code file:line:}. */
public final class TableFileException extends SourceException {

    public TableFileException(String location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
    }
}
