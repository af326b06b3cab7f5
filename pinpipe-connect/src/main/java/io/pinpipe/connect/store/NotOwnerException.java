package io.pinpipe.connect.store;

/**
 * A {@link PublishGuard} stopped a write: the writer's partition was closed on its task, or the partition's owner
 * marker names another task. Like any {@link ObjectConflictException} it fences the partition in the task that meets
 * it and is never retried.
 */
public final class NotOwnerException extends ObjectConflictException {

    public NotOwnerException(String name, String reason) {
        super(name, "not writing " + name + ": " + reason, null);
    }
}
