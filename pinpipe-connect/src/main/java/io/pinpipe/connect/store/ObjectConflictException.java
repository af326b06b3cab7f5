package io.pinpipe.connect.store;

import java.io.IOException;

/**
 * A {@link ObjectStore#put} found its name already holding other bytes: another writer published that file first.
 * For the sink this means two tasks wrote the same partition (a task that lost it and its new owner), so the
 * partition is fenced, never retried ({@link StorageErrors} calls it fatal).
 */
public final class ObjectConflictException extends IOException {

    private final String name;

    public ObjectConflictException(String name, String store) {
        super(name + " already exists in " + store + " with other content: another task wrote this partition");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
