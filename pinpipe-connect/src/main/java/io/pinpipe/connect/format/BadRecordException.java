package io.pinpipe.connect.format;

import org.apache.kafka.connect.errors.DataException;

/** A record the lake cannot hold (a tombstone, a value that is not one JSON value); the message says why. */
public final class BadRecordException extends DataException {

    private static final long serialVersionUID = 1L;

    public BadRecordException(String message) {
        super(message);
    }

    public BadRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
