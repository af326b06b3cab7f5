package io.pinpipe.emulator.source;

/**
 * The source database failed or refused a request. Messages name the table, file or URL concerned and never carry a
 * password; the driver's exception is dropped when its text could hold one.
 */
public class SourceException extends RuntimeException {

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
