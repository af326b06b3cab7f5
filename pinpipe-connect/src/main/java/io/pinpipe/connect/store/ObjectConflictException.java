package io.pinpipe.connect.store;

import java.io.IOException;

/**
 * A {@link ObjectStore#put} found its name already holding other bytes: another writer published that file first
 * (or, as a {@link NotOwnerException}, a guard found that another writer owns the partition now).
 * For the sink this means two tasks wrote the same partition (a task that lost it and its new owner), so the
 * partition is fenced, never retried ({@link StorageErrors} calls it fatal).
 */
public class ObjectConflictException extends IOException {

    private final String name;

    public ObjectConflictException(String name, String store) {
        this(name, name + " already exists in " + store + " with other content: another task wrote this partition",
                null);
    }

    /** For the ways of learning about the other writer that are not a taken name ({@link NotOwnerException}). */
    protected ObjectConflictException(String name, String message, Throwable cause) {
        super(message, cause);
        this.name = name;
    }

    public String name() {
        return name;
    }
}
