package io.pinpipe.cli.stack;

import io.pinpipe.cli.connect.ConnectWorker;
import io.pinpipe.common.process.ChildProcess;
import io.pinpipe.gateway.ops.Components;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Keeps the Connect worker of {@code pinpipe up} running. When the worker exits without being asked (a crash, the
 * OOM killer, a {@code kill -9}), the supervisor says so on the console, reports the worker as
 * {@code RESTARTING} on the gateway's {@code /health}, and starts a new one after a back-off (1 s, 2 s, 4 s, ...
 * up to 30 s). The new worker resumes from the committed offsets, so the lake still ends with every record. After
 * {@link #MAX_RESTARTS} restarts in a row that did not last {@link #STABLE}, it gives up and the stack stops loudly:
 * never does the stack run on with a dead part.
 */
final class WorkerSupervisor implements AutoCloseable {

    /** The worker's name on {@code /health}. */
    static final String COMPONENT = "connect";
    static final int MAX_RESTARTS = 5;
    /** A worker that ran this long before it died starts the count of restarts again. */
    static final Duration STABLE = Duration.ofMinutes(1);
    private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);
    private static final String PREFIX = "Connect   ";

    private final Starter starter;
    private final Components health;
    private final Consumer<String> out;
    private final Consumer<String> giveUp;
    private final Thread thread;
    private volatile ConnectWorker worker;
    private volatile boolean closing;

    private WorkerSupervisor(ConnectWorker worker, Starter starter, Components health, Consumer<String> out,
                             Consumer<String> giveUp) {
        this.worker = worker;
        this.starter = starter;
        this.health = health;
        this.out = out;
        this.giveUp = giveUp;
        this.thread = new Thread(this::superviseUntilClosed, "pinpipe-connect-supervisor");
        this.thread.setDaemon(true);
    }

    /**
     * Watches {@code worker}, which runs already.
     *
     * @param starter starts a new worker like the first (and waits until its connector runs)
     * @param giveUp  told why, once, when the worker cannot be kept running
     */
    static WorkerSupervisor watch(ConnectWorker worker, Starter starter, Components health, Consumer<String> out,
                                  Consumer<String> giveUp) {
        WorkerSupervisor supervisor = new WorkerSupervisor(worker, starter, health, out, giveUp);
        health.report(COMPONENT, Components.UP, "lake sink RUNNING at " + worker.restUrl());
        supervisor.thread.start();
        return supervisor;
    }

    /** The worker running now. */
    ConnectWorker current() {
        return worker;
    }

    private void superviseUntilClosed() {
        int restarts = 0;
        long startedAt = System.nanoTime();
        try {
            while (!closing) {
                int exitCode = worker.awaitExit();
                if (closing || ChildProcess.jvmShuttingDown()) {
                    return; // stopped on purpose (pinpipe stops, the child's stop hook ran)
                }
                if (System.nanoTime() - startedAt >= STABLE.toNanos()) {
                    restarts = 0;
                }
                String why = "the worker exited unexpectedly (exit code " + exitCode + "; log " + worker.log() + ")";
                forget(worker);
                health.report(COMPONENT, "RESTARTING", why);
                out.accept(PREFIX + why);
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

    /** Restarts the worker after back-offs; returns the restarts so far, or -1 when it gave up. */
    private int restartOrGiveUp(int restarts) throws InterruptedException {
        String lastError = "";
        while (restarts < MAX_RESTARTS) {
            restarts++;
            Duration delay = delay(restarts);
            out.accept(PREFIX + "restarting in " + delay.toSeconds() + " s (restart " + restarts + " of at most "
                    + MAX_RESTARTS + " in a row)");
            Thread.sleep(delay.toMillis());
            try {
                worker = starter.start();
                health.report(COMPONENT, Components.UP, "lake sink RUNNING at " + worker.restUrl() + " (restarted)");
                out.accept(PREFIX + "restarted: " + worker.restUrl() + " (lake sink RUNNING)");
                return restarts;
            } catch (Exception e) {
                if (closing || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("closing");
                }
                lastError = e.getMessage();
                health.report(COMPONENT, "RESTARTING", "restart " + restarts + " failed: " + lastError);
                out.accept(PREFIX + "restart " + restarts + " failed: " + lastError);
            }
        }
        String why = "the Connect worker could not be kept running (" + MAX_RESTARTS + " restarts in a row; last: "
                + lastError + ")";
        health.report(COMPONENT, "DOWN", why);
        giveUp.accept(why);
        return -1;
    }

    /** Lets go of a dead worker: its stop at shutdown and its {@code rest.url} file, which names a closed port. */
    private static void forget(ConnectWorker dead) {
        try {
            dead.stop();
        } catch (IOException e) {
            // The next worker writes rest.url again.
        }
    }

    /** 1 s, 2 s, 4 s, ... at most {@link #MAX_DELAY}. */
    static Duration delay(int restart) {
        long seconds = FIRST_DELAY.toSeconds() << Math.min(restart - 1, 10);
        return Duration.ofSeconds(Math.min(seconds, MAX_DELAY.toSeconds()));
    }

    /** Stops supervising, then stops the worker cleanly. */
    @Override
    public void close() throws Exception {
        closing = true;
        if (Thread.currentThread() != thread) {
            thread.interrupt();
            thread.join(Duration.ofMinutes(1).toMillis());
        }
        worker.stop();
    }

    /** Starts a Connect worker. */
    @FunctionalInterface
    interface Starter {
        ConnectWorker start() throws Exception;
    }
}
