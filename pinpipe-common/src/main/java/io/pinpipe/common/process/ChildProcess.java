package io.pinpipe.common.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM of pinpipe (a Connect worker, a Spark job): the one way pinpipe starts, stops and outlives its
 * children.
 *
 * <ul>
 *   <li>The child dies with its parent: {@link #javaCommand} starts it through {@link ParentWatch}, which stops it
 *       within seconds of this JVM's death, even a {@code kill -9}.</li>
 *   <li>The parent stops its child before it exits: a shutdown hook (Ctrl-C, SIGTERM) stops the child gracefully
 *       and waits for it, and {@link #close()} does the same on every other way out; so whatever the parent holds
 *       (a run lock) is released only once the child is gone.</li>
 * </ul>
 */
public final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final String name;
    private final Duration stopGrace;
    private final Thread stopOnShutdown;

    private ChildProcess(Process process, String name, Duration stopGrace) {
        this.process = process;
        this.name = name;
        this.stopGrace = stopGrace;
        this.stopOnShutdown = new Thread(this::stop, "pinpipe-stop-" + name.replace(' ', '-'));
    }

    /**
     * {@code java <jvmOptions> -cp <classPath> ParentWatch <mainClass> <args>}, with this JVM's {@code java} and its
     * process id for the watch.
     */
    public static List<String> javaCommand(List<String> jvmOptions, String classPath, String mainClass,
                                           List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-D" + ParentWatch.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(classPath);
        command.add(ParentWatch.class.getName());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * Starts the child and registers its stop at this JVM's shutdown.
     *
     * @param name      what the child is, for thread names and messages, e.g. {@code Connect worker}
     * @param stopGrace how long a graceful stop (SIGTERM) may take before the child is killed
     */
    public static ChildProcess start(ProcessBuilder builder, String name, Duration stopGrace) throws IOException {
        ChildProcess child = new ChildProcess(builder.start(), name, stopGrace);
        Runtime.getRuntime().addShutdownHook(child.stopOnShutdown);
        return child;
    }

    /**
     * Whether this JVM is shutting down (its shutdown hooks run): a child that exits now was stopped by its hook,
     * not crashed.
     */
    public static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }

    public Process process() {
        return process;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the child to end; returns its exit code. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * Stops the child the way Ctrl-C would (SIGTERM: its shutdown hooks run), kills it after the grace period, and
     * returns once it is gone.
     */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    /** {@code kill -9}, and returns once the child is gone: it gets no chance to flush, commit or clean up. */
    public void kill() {
        process.destroyForcibly();
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the child if it still runs, and forgets the shutdown hook. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnShutdown);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs already and stops the same child.
        }
    }
}
