package io.pinpipe.cli.cluster;

import io.pinpipe.common.process.ChildProcess;
import io.pinpipe.gateway.ops.Components;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps one node of the local cluster running, as {@code pinpipe up}'s supervisor keeps its Connect worker: a node
 * that exits without being asked (a crash, {@code kill -9}) is reported {@code RESTARTING} on every gateway's
 * {@code /health}, announced on the console and started again after a back-off (1 s, 2 s, 4 s ... 30 s); after
 * {@link #MAX_RESTARTS} restarts in a row that did not last {@link #STABLE} (or did not start) the cluster
 * is told to stop, loudly. The node comes back with its
 * folder and ports, so a broker rejoins with its replicas and a Connect worker rejoins its group.
 */
final class NodeSupervisor implements AutoCloseable {

    static final int MAX_RESTARTS = 5;
    /** A node that ran this long before it died starts the count of restarts in a row again. */
    static final Duration STABLE = Duration.ofMinutes(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final String name;
    private final ClusterNode.Starter starter;
    private final List<Components> health;
    private final Consumer<String> out;
    private final Consumer<String> giveUp;
    private final Duration backOffUnit;
    private final Thread thread;
    private volatile ClusterNode node;
    private volatile boolean closing;
    private volatile Components.State state;

    private NodeSupervisor(String name, ClusterNode node, ClusterNode.Starter starter, List<Components> health,
                           Consumer<String> out, Consumer<String> giveUp, Duration backOffUnit) {
        this.name = name;
        this.backOffUnit = backOffUnit;
        this.node = node;
        this.starter = starter;
        this.health = health;
        this.out = out;
        this.giveUp = giveUp;
        this.thread = new Thread(this::superviseUntilClosed, "pinpipe-supervise-" + name.replace(' ', '-'));
        this.thread.setDaemon(true);
    }

    /**
     * Watches {@code node}, which runs already.
     *
     * @param name    the node's name on the console and on {@code /health}, e.g. {@code broker-2}
     * @param health  the gateways' components, told of every change
     * @param giveUp  told why, once, when the node cannot be kept running
     */
    static NodeSupervisor watch(String name, ClusterNode node, ClusterNode.Starter starter, List<Components> health,
                                Consumer<String> out, Consumer<String> giveUp) {
        return watch(name, node, starter, health, out, giveUp, Duration.ofSeconds(1));
    }

    /** As the other {@code watch}, with back-offs of {@code backOffUnit} × 1, 2, 4 ... (tests shorten them). */
    static NodeSupervisor watch(String name, ClusterNode node, ClusterNode.Starter starter, List<Components> health,
                                Consumer<String> out, Consumer<String> giveUp, Duration backOffUnit) {
        NodeSupervisor supervisor = new NodeSupervisor(name, node, starter, health, out, giveUp, backOffUnit);
        supervisor.report(Components.UP, node.endpoint());
        supervisor.thread.start();
        return supervisor;
    }

    String name() {
        return name;
    }

    /** The node running now (a new one after a restart). */
    ClusterNode current() {
        return node;
    }

    private void superviseUntilClosed() {
        int restarts = 0;
        long startedAt = System.nanoTime();
        try {
            while (!closing) {
                int exitCode = node.awaitExit();
                if (closing || ChildProcess.jvmShuttingDown()) {
                    return;
                }
                if (System.nanoTime() - startedAt >= STABLE.toNanos()) {
                    restarts = 0;
                }
                String why = name + " exited unexpectedly (exit code " + exitCode + ")";
                report("RESTARTING", why);
                out.accept(why);
                restarts = restartOrGiveUp(restarts);
                if (restarts < 0) {
                    return;
                }
                startedAt = System.nanoTime();
            }
        } catch (InterruptedException e) {
            // Closing.
        }
    }

    /** Restarts the node after back-offs; returns the restarts in a row so far, or -1 when it gave up. */
    private int restartOrGiveUp(int restarts) throws InterruptedException {
        String lastError = "";
        for (int restart = restarts + 1; restart <= MAX_RESTARTS; restart++) {
            Duration delay = delay(restart).multipliedBy(backOffUnit.toMillis()).dividedBy(1000);
            out.accept(name + ": restarting in " + delay.toMillis() + " ms (restart " + restart + " of at most "
                    + MAX_RESTARTS + ")");
            Thread.sleep(delay.toMillis());
            try {
                node = starter.start();
                report(Components.UP, node.endpoint() + " (restarted)");
                out.accept(name + ": restarted at " + node.endpoint());
                return restart;
            } catch (Exception e) {
                if (closing || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("closing");
                }
                lastError = e.getMessage();
                report("RESTARTING", "restart " + restart + " failed: " + lastError);
                out.accept(name + ": restart " + restart + " failed: " + lastError);
            }
        }
        String why = name + " could not be kept running (" + MAX_RESTARTS + " restarts in a row; last: " + lastError
                + ")";
        report("DOWN", why);
        giveUp.accept(why);
        return -1;
    }

    private void report(String status, String detail) {
        state = new Components.State(status, detail);
        health.forEach(components -> components.report(name, status, detail));
    }

    /** Tells a gateway started after this supervisor the node's state now. */
    void reportTo(Components components) {
        Components.State now = state;
        components.report(name, now.status(), now.detail());
    }

    /** 1 s, 2 s, 4 s, ... at most {@link #MAX_DELAY}. */
    static Duration delay(int restart) {
        return Duration.ofSeconds(Math.min(1L << Math.min(restart - 1, 10), MAX_DELAY.toSeconds()));
    }

    /** Stops supervising, then stops the node. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        thread.interrupt();
        thread.join(Duration.ofMinutes(1).toMillis());
        node.stop();
    }
}
