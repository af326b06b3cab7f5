package io.pinpipe.cli.console;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether pinpipe talks to a person at an interactive terminal, and, when it does, the guard that keeps all output
 * off a live progress bar. Only then do progress bars animate; a log file, a pipe or CI gets plain lines.
 */
public final class Terminal {

    /** Set by {@link #install()} on an interactive terminal; null everywhere else (files, pipes, tests). */
    private static volatile LiveLine liveLine;

    private Terminal() {
    }

    /**
     * Called once by {@code main}: on an interactive terminal, routes {@code System.out} and {@code System.err}
     * through the live line so that no output lands in the middle of a progress bar. Anywhere else it changes
     * nothing.
     */
    public static synchronized void install() {
        if (liveLine != null || !isInteractive()) {
            return;
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        LiveLine line = new LiveLine(err);
        Charset charset = consoleCharset();
        System.setOut(new PrintStream(new GuardedStream(line, out), true, charset));
        System.setErr(new PrintStream(new GuardedStream(line, err), true, charset));
        liveLine = line;
    }

    /** The live line of an installed interactive terminal. */
    static Optional<LiveLine> liveLine() {
        return Optional.ofNullable(liveLine);
    }

    /**
     * Standard input and output are a terminal ({@code System.console()} on Java 17), standard error too, and the
     * terminal understands cursor control ({@code TERM} is set and not {@code dumb}).
     */
    static boolean isInteractive() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.isBlank() && !term.equals("dumb")
                && isTerminal(Path.of("/proc/self/fd/2"));
    }

    /** Whether a file descriptor's link names a terminal; where the system has no such link, assume it does. */
    static boolean isTerminal(Path descriptor) {
        try {
            String target = Files.readSymbolicLink(descriptor).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            // No /proc (macOS): standard output's answer stands, and stderr rarely differs from it.
            return true;
        }
    }

    /** The charset Java 17 gives {@code System.out}: {@code sun.stdout.encoding} when set, else the default. */
    private static Charset consoleCharset() {
        String encoding = System.getProperty("sun.stdout.encoding");
        try {
            return encoding != null ? Charset.forName(encoding) : Charset.defaultCharset();
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
