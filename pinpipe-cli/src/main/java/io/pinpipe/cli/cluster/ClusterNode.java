package io.pinpipe.cli.cluster;

/** One child JVM of the local cluster (a broker, a Connect worker, a Spark daemon) while it runs. */
interface ClusterNode {

    /** Waits until the JVM has exited, whoever stopped it; returns its exit code. */
    int awaitExit() throws InterruptedException;

    /** Stops it the way Ctrl-C would, forcibly after a grace period; returns once it is gone. */
    void stop();

    /** {@code kill -9}: for the fault tests. */
    void kill();

    long pid();

    /** Where it answers, as printed on the console. */
    String endpoint();

    /** Starts a node like the first one (same folder, same ports) and waits until it answers. */
    @FunctionalInterface
    interface Starter {
        ClusterNode start() throws Exception;
    }
}
