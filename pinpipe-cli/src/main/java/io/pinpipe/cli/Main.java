package io.pinpipe.cli;

import io.pinpipe.cli.console.Terminal;
import picocli.CommandLine;

/** Entry point of the {@code pinpipe} command; the only place that calls {@link System#exit}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Terminal.install();
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code: 0 success, 1 failure, 2 bad arguments. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PinpipeCommand());
        commandLine.setExecutionExceptionHandler(new OneLineErrors());
        commandLine.setParameterExceptionHandler(new OneLineErrors());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }
}
