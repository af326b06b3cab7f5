package io.pinpipe.cli.console;

import java.time.Clock;
import java.time.Duration;

/**
 * The progress of long CLI work, on standard error so standard output keeps only results. On an interactive
 * terminal it is an animated bar; anywhere else (a log file, a pipe, CI) it is a plain line now and then, so a log
 * never fills with carriage-return frames. Every command that shows progress gets it from here.
 *
 * <p>Thread-safe: the work may report from any thread.
 */
public interface Progress extends AutoCloseable {

    /** How often plain progress prints a line while the work goes on. */
    Duration PLAIN_INTERVAL = Duration.ofSeconds(5);

    /**
     * Progress counted in units of work, with the speed shown.
     *
     * @param task  the name in front of the line, e.g. {@code emulate}
     * @param total the count at which the work is done; 0 or less when it is not known
     * @param unit  what is counted, in the plural ({@code rows}); empty for plain numbers
     */
    static Progress counting(String task, long total, String unit) {
        return of(new ProgressTask(task, total, unit, true));
    }

    /** Progress through {@code total} named steps, each {@link #stepTo(long, String) described}. */
    static Progress steps(String task, int total) {
        return of(new ProgressTask(task, total, "", false));
    }

    private static Progress of(ProgressTask task) {
        return Terminal.liveLine().<Progress>map(line -> new TerminalProgress(task, line))
                .orElseGet(() -> new PlainProgress(task, System.err, Clock.systemUTC(), PLAIN_INTERVAL));
    }

    /** The work has done {@code done} units in all. */
    void stepTo(long done);

    /** The work has done {@code more} units more. */
    void stepBy(long more);

    /** The work has done {@code done} units and now does {@code what}, e.g. the next step. */
    void stepTo(long done, String what);

    /** The work ended: shows the final count once. */
    @Override
    void close();
}
