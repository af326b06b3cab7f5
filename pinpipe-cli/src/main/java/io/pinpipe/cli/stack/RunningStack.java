package io.pinpipe.cli.stack;

import java.util.concurrent.CompletableFuture;

/** What {@code pinpipe up} runs until Ctrl-C: the one-machine stack or the local cluster. */
public interface RunningStack extends AutoCloseable {

    /** Completes, with the reason, when a part died and could not be restarted: everything must then stop. */
    CompletableFuture<String> failure();

    /** Stops every part, in the reverse order of their start. */
    @Override
    void close();
}
