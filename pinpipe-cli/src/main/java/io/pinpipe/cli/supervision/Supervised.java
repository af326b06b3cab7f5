package io.pinpipe.cli.supervision;

/** A child process pinpipe keeps running: a Connect worker, a broker, a Spark daemon. */
public interface Supervised {

    /** Waits until the process has exited, whoever stopped it; returns its exit code. */
    int awaitExit() throws InterruptedException;

    /** Stops it and lets go of what it holds; harmless on a process that has exited already. */
    void stop() throws Exception;

    /** Starts a process like the first one (same folder, same ports) and waits until it answers. */
    @FunctionalInterface
    interface Starter<N extends Supervised> {
        N start() throws Exception;
    }
}
