package io.pinpipe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pinpipe command line as a real child process, started as the {@code ./pinpipe} launcher starts it (this
 * module's classes and class path, {@code -Dpinpipe.home} at the repository root), for tests that kill it.
 */
public final class CliProcess extends LoggedProcess {

    private CliProcess(List<String> command, Map<String, String> environment, Path log) throws IOException {
        super(command, environment, log);
    }

    /** Runs {@code pinpipe <args>} with its output in {@code log}. */
    public static CliProcess start(Path log, String... args) throws IOException {
        return start(log, Map.of(), args);
    }

    /** Runs {@code pinpipe <args>} with {@code environment} (such as {@code PINPIPE_<KEY>} settings) added. */
    public static CliProcess start(Path log, Map<String, String> environment, String... args) throws IOException {
        Path module = Path.of("").toAbsolutePath();
        String classPath = module.resolve("target/classes") + java.io.File.pathSeparator
                + Files.readString(module.resolve("target/classpath.txt")).trim();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-Dpinpipe.home=" + module.getParent(), "-cp", classPath,
                Main.class.getName()));
        command.addAll(List.of(args));
        return new CliProcess(command, environment, log);
    }
}
