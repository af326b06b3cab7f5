package io.pinpipe.cli.cluster;

import io.pinpipe.cli.supervision.Supervised;

/** One child JVM of the local cluster (a broker, a Connect worker, a Spark daemon) while it runs. */
interface ClusterNode extends Supervised {

    /** Stops it the way Ctrl-C would, forcibly after a grace period; returns once it is gone. */
    @Override
    void stop();

    /** {@code kill -9}: for the fault tests. */
    void kill();

    long pid();

    /** Where it answers, as printed on the console. */
    String endpoint();

    /** Starts a node like the first one (same folder, same ports) and waits until it answers. */
    @FunctionalInterface
    interface Starter extends Supervised.Starter<ClusterNode> {
    }
}
