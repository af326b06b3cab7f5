package io.pinpipe.spark;

import java.io.PrintStream;

/**
 * Reports the job's steps as lines {@code [pinpipe] step <n>/<total>: <what>} on a stream. They read well in a
 * cluster log, and {@code pinpipe batch} turns them into a progress bar.
 */
public final class Progress {

    /** The prefix every progress line starts with; the CLI recognises it. */
    public static final String PREFIX = "[pinpipe] step ";

    private final PrintStream out;
    private final int total;
    private int done;

    public Progress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    /** Announces the next step. */
    public void step(String what) {
        done = Math.min(done + 1, total);
        out.println(PREFIX + done + "/" + total + ": " + what);
        out.flush();
    }

    /** A line that is not a step (results, summaries). */
    public void say(String line) {
        out.println(line);
        out.flush();
    }
}
