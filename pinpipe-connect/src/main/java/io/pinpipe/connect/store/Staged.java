package io.pinpipe.connect.store;

import java.io.IOException;

/**
 * A file whose bytes are in the store where no reader looks yet ({@link ObjectStore#stage}): the local folder's hidden
 * temporary file, an S3 multipart upload not yet completed. Publishing is the visible step, and the one a partition's
 * files take one after the other, in offset order.
 */
public interface Staged {

    /**
     * Makes the file visible under its name with the contract of {@link ObjectStore#put}: atomic, never replacing
     * another object (a taken name holding the same bytes is a replay, other bytes an
     * {@link ObjectConflictException}), {@code guard} asked as late as the store allows. Called at most once.
     */
    void publish(PublishGuard guard) throws IOException;

    /**
     * Drops the staged bytes of a file that is not published after all (an earlier file of its partition failed, the
     * guard refused, the publish failed); nothing after a successful publish. Never throws: what it cannot remove is
     * what a killed writer leaves too, and is handled the same way (docs/lake-sink.md, "Exactly once").
     */
    void discard();

    /** {@link #publish}, then {@link #discard} whatever happened: a {@link ObjectStore#put} done in two steps. */
    default void publishOrDiscard(PublishGuard guard) throws IOException {
        try {
            publish(guard);
        } finally {
            discard();
        }
    }
}
