package io.pinpipe.connect.store;

import java.io.IOException;

/**
 * Asked by a store right before a write becomes visible to readers (the local link, the S3 PUT, the completion of a
 * multipart upload) and before each delete of the clean-up: it throws, typically a {@link NotOwnerException}, when the
 * writer must not change the lake any more. The sink uses it to stop a task that lost its partition (see
 * {@code PartitionWriter} and {@code OwnerMarker}). A check and the write after it are two steps: a writer that stalls
 * between them still writes, so a guard narrows the window of a stale writer to that gap, and the stores' own
 * never-replace rule covers what slips through.
 */
@FunctionalInterface
public interface PublishGuard {

    /** A guard that never stops a write: tools and tests that own the lake alone. */
    PublishGuard NONE = name -> {
    };

    /** Returns if {@code name} may be written or deleted now; throws otherwise, or when it cannot tell. */
    void check(String name) throws IOException;
}
