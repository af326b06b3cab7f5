package io.pinpipe.cli.stream;

import io.pinpipe.cli.batch.SparkJvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spark main of the spark module as a real child process, started exactly as {@code pinpipe stream} starts it,
 * so a test can kill it with SIGKILL as a crash would. Its output goes to a log file.
 */
final class StreamJobProcess {

    static final String EXPORT_CLASS = "io.pinpipe.spark.stream.TableExport";

    private final Process process;
    private final Path log;

    private StreamJobProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The pinpipe home: the repository root above this module. */
    static Path home() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    static StreamJobProcess start(Path log, String mainClass, List<String> options) throws IOException {
        List<String> command = new ArrayList<>(SparkJvm.command(home(), "768m", "local[2]", mainClass, options,
                log.resolveSibling("spark-" + log.getFileName())));
        command.add(1, "-Duser.timezone=UTC");
        command.add(1, "-Dspark.ui.enabled=false");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        process.getOutputStream().close();
        return new StreamJobProcess(process, log);
    }

    /** Waits until the log contains {@code text}; false when the process ended or the time ran out first. */
    boolean awaitLog(String text, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (log().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return log().contains(text);
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed; a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the job's graceful stop; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        return await(60);
    }

    /** Waits for the exit; -1 when it did not exit in time (and was killed). */
    int await(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
