package io.pinpipe.cli.cluster;

import io.pinpipe.common.process.ChildProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A node's JVM whose output goes to a log file, and which says in that log when it is ready (a broker's
 * {@code pinpipe broker ready at}, a Spark master's {@code I have been elected leader}). A {@link ChildProcess}: it
 * dies with pinpipe.
 */
final class LoggedJvm implements ClusterNode {

    private final ChildProcess process;
    private final Path log;
    private final long logStart;
    private final String endpoint;

    private LoggedJvm(ChildProcess process, Path log, long logStart, String endpoint) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
        this.endpoint = endpoint;
    }

    /**
     * Starts the JVM with its output appended to {@code log}, without waiting for it.
     *
     * @param name     what it is, e.g. {@code Kafka broker}
     * @param endpoint where it answers, for the console
     */
    static LoggedJvm start(ProcessBuilder builder, Path log, String name, String endpoint, Duration stopGrace)
            throws IOException {
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new LoggedJvm(ChildProcess.start(builder, name, stopGrace), log, logStart, endpoint);
    }

    /** Waits until this start's part of the log holds {@code ready}; kills the JVM and fails when not in time. */
    LoggedJvm awaitLogged(String ready, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the " + process.name() + " at " + endpoint + " exited with code "
                        + process.process().exitValue() + " (log " + log + ")");
            }
            byte[] bytes = Files.readAllBytes(log);
            int from = (int) Math.min(logStart, bytes.length);
            if (new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8).contains(ready)) {
                return this;
            }
            Thread.sleep(200);
        }
        process.kill();
        throw new IllegalStateException("the " + process.name() + " at " + endpoint + " was not ready within "
                + timeout.toSeconds() + " s (log " + log + ")");
    }

    @Override
    public int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void stop() {
        process.close();
    }

    @Override
    public void kill() {
        process.kill();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public String endpoint() {
        return endpoint + " (log " + log + ")";
    }
}
