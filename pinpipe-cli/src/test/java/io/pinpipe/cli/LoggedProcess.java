package io.pinpipe.cli;

import io.pinpipe.common.Await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real child process of a test whose output goes to a log file, so that the test can read what it printed and
 * kill it with SIGKILL as a crash would.
 */
public class LoggedProcess {

    private final Process process;
    private final Path log;

    protected LoggedProcess(List<String> command, Path log) throws IOException {
        this(command, Map.of(), log);
    }

    /** @param environment variables added to this JVM's environment for the child */
    protected LoggedProcess(List<String> command, Map<String, String> environment, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        this.process = builder.start();
        this.process.getOutputStream().close();
        this.log = log;
    }

    /** Waits until the log contains {@code text}; false when the process ended or the time ran out first. */
    public boolean awaitLog(String text, long timeoutMillis) throws InterruptedException {
        return Await.until(Duration.ofMillis(timeoutMillis), () -> log().contains(text) || !process.isAlive())
                && log().contains(text);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed; a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the process's graceful stop; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        return await(60);
    }

    /** Waits for the exit; -1 when it did not exit in time (and was killed). */
    public int await(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    /** The processes this one started (and theirs), alive now. */
    public List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** For a test's clean-up: kills the process if it still runs. */
    public void killIfAlive() {
        process.destroyForcibly();
    }
}
