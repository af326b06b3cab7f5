package io.pinpipe.cli.supervision;

import io.pinpipe.common.process.ChildProcess;
import io.pinpipe.gateway.ops.Components;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps one child process running, for {@code pinpipe up} (its Connect worker) and {@code pinpipe up --cluster}
 * (every node). A process that exits without being asked (a crash, the OOM killer, {@code kill -9}) is announced on
 * the console, reported {@code RESTARTING} on every gateway's {@code /health}, and started again after a back-off
 * (1 s, 2 s, 4 s ... 30 s) with its folder and ports, so a Connect worker resumes from its committed offsets and a
 * broker rejoins with its replicas. After {@link #MAX_RESTARTS} restarts in a row that did not last {@link #STABLE}
 * (or did not start), the owner is told to stop, loudly: never does pinpipe run on with a dead part.
 */
public final class Supervisor<N extends Supervised> implements AutoCloseable {

    public static final int MAX_RESTARTS = 5;
    /** A process that ran this long before it died starts the count of restarts in a row again. */
    static final Duration STABLE = Duration.ofMinutes(1);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final String name;
    private final Voice<N> voice;
    private final Supervised.Starter<N> starter;
    private final List<Components> health;
    private final Consumer<String> out;
    private final Consumer<String> giveUp;
    private final Duration backOffUnit;
    private final Thread thread;
    private volatile N process;
    private volatile boolean closing;
    private volatile Components.State state;

    private Supervisor(Builder<N> builder, N process) {
        this.name = builder.name;
        this.voice = builder.voice;
        this.starter = builder.starter;
        this.health = builder.health;
        this.out = builder.out;
        this.giveUp = builder.giveUp;
        this.backOffUnit = builder.backOffUnit;
        this.process = process;
        this.thread = new Thread(this::superviseUntilClosed, "pinpipe-supervise-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * @param name    the process's name on {@code /health}, e.g. {@code connect} or {@code broker-2}
     * @param starter starts a new process like the first and waits until it answers
     */
    public static <N extends Supervised> Builder<N> of(String name, Voice<N> voice, Supervised.Starter<N> starter) {
        return new Builder<>(name, voice, starter);
    }

    public String name() {
        return name;
    }

    /** The process running now (a new one after a restart). */
    public N current() {
        return process;
    }

    private void superviseUntilClosed() {
        int restarts = 0;
        long startedAt = System.nanoTime();
        try {
            while (!closing) {
                N dead = process;
                int exitCode = dead.awaitExit();
                if (closing || ChildProcess.jvmShuttingDown()) {
                    return; // stopped on purpose: pinpipe stops, or the child's stop hook ran
                }
                if (System.nanoTime() - startedAt >= STABLE.toNanos()) {
                    restarts = 0;
                }
                String why = "exited unexpectedly (exit code " + exitCode + voice.exitDetail().apply(dead) + ")";
                letGo(dead);
                report("RESTARTING", why);
                out.accept(voice.label() + why);
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

    /** Restarts the process after back-offs; returns the restarts in a row so far, or -1 when it gave up. */
    private int restartOrGiveUp(int restarts) throws InterruptedException {
        String lastError = "";
        for (int restart = restarts + 1; restart <= MAX_RESTARTS; restart++) {
            Duration delay = delay(restart).multipliedBy(backOffUnit.toMillis()).dividedBy(1000);
            out.accept(voice.label() + "restarting in " + readable(delay) + " (restart " + restart + " of at most "
                    + MAX_RESTARTS + " in a row)");
            Thread.sleep(delay.toMillis());
            try {
                process = starter.start();
                String running = voice.running().apply(process);
                report(Components.UP, running + " (restarted)");
                out.accept(voice.label() + "restarted: " + running);
                return restart;
            } catch (Exception e) {
                if (closing || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("closing");
                }
                lastError = e.getMessage();
                report("RESTARTING", "restart " + restart + " failed: " + lastError);
                out.accept(voice.label() + "restart " + restart + " failed: " + lastError);
            }
        }
        String why = voice.subject() + " could not be kept running (" + MAX_RESTARTS + " restarts in a row; last: "
                + lastError + ")";
        report("DOWN", why);
        giveUp.accept(why);
        return -1;
    }

    /** A dead process may still hold something its stop releases (e.g. a file naming its closed port). */
    private void letGo(N dead) {
        try {
            dead.stop();
        } catch (Exception e) {
            out.accept(voice.label() + "warning: cleaning up after the dead process failed: " + e.getMessage());
        }
    }

    private void report(String status, String detail) {
        state = new Components.State(status, detail);
        health.forEach(components -> components.report(name, status, detail));
    }

    /** Tells a gateway started after this supervisor the process's state now. */
    public void reportTo(Components components) {
        Components.State now = state;
        components.report(name, now.status(), now.detail());
    }

    /** 1 s, 2 s, 4 s, ... at most 30 s. */
    static Duration delay(int restart) {
        return Duration.ofSeconds(Math.min(1L << Math.min(restart - 1, 10), MAX_DELAY.toSeconds()));
    }

    private static String readable(Duration delay) {
        return delay.toMillis() % 1000 == 0 ? delay.toSeconds() + " s" : delay.toMillis() + " ms";
    }

    /** Stops supervising, then stops the process. */
    @Override
    public void close() throws Exception {
        closing = true;
        if (Thread.currentThread() != thread) { // the owner may close from the give-up callback
            thread.interrupt();
            thread.join(Duration.ofMinutes(1).toMillis());
        }
        process.stop();
    }

    /** The parts of a supervisor; {@link #watch(Supervised)} starts it. */
    public static final class Builder<N extends Supervised> {
        private final String name;
        private final Voice<N> voice;
        private final Supervised.Starter<N> starter;
        private List<Components> health = List.of();
        private Consumer<String> out = line -> { };
        private Consumer<String> giveUp = why -> { };
        private Duration backOffUnit = Duration.ofSeconds(1);

        private Builder(String name, Voice<N> voice, Supervised.Starter<N> starter) {
            this.name = name;
            this.voice = voice;
            this.starter = starter;
        }

        /** The gateways' components, told of every change. */
        public Builder<N> health(List<Components> health) {
            this.health = health; // not a copy: gateways started later join it
            return this;
        }

        /** The console. */
        public Builder<N> console(Consumer<String> out) {
            this.out = out;
            return this;
        }

        /** Told why, once, when the process cannot be kept running. */
        public Builder<N> onGiveUp(Consumer<String> giveUp) {
            this.giveUp = giveUp;
            return this;
        }

        /** Back-offs of {@code unit} × 1, 2, 4 ... instead of seconds (tests shorten them). */
        public Builder<N> backOffUnit(Duration unit) {
            this.backOffUnit = unit;
            return this;
        }

        /** Starts watching {@code process}, which runs already. */
        public Supervisor<N> watch(N process) {
            Supervisor<N> supervisor = new Supervisor<>(this, process);
            supervisor.report(Components.UP, voice.running().apply(process));
            supervisor.thread.start();
            return supervisor;
        }
    }
}
