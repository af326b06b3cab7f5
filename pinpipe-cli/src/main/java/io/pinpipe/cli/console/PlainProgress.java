package io.pinpipe.cli.console;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Progress for someone reading a log: a line whenever the work says it does something new, otherwise at most one line
 * per interval while the count moves, and a last line with the count and the time taken. Plain text, no carriage
 * returns, no colours: it reads the same in a file, a pipe or CI.
 */
final class PlainProgress implements Progress {

    private final ProgressTask task;
    private final PrintStream out;
    private final Clock clock;
    private final Duration interval;
    private final Instant started;
    private Instant lastLine;
    private long countAtLastLine;
    private long done;
    private String what = "";
    private boolean closed;

    /**
     * @param out      where the lines go
     * @param clock    tells when the next line is due
     * @param interval the least time between two lines about the count alone
     */
    PlainProgress(ProgressTask task, PrintStream out, Clock clock, Duration interval) {
        this.task = task;
        this.out = out;
        this.clock = clock;
        this.interval = interval;
        this.started = clock.instant();
        this.lastLine = started;
    }

    @Override
    public synchronized void stepTo(long done) {
        this.done = done;
        printWhenDue();
    }

    @Override
    public synchronized void stepBy(long more) {
        done += more;
        printWhenDue();
    }

    @Override
    public synchronized void stepTo(long done, String what) {
        this.done = done;
        if (closed || what.equals(this.what)) {
            printWhenDue();
            return;
        }
        this.what = what;
        print(task.task() + ": " + count() + ": " + what);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Duration took = Duration.between(started, clock.instant());
        print(String.format(Locale.ROOT, "%s: %s in %.1f s%s", task.task(), count(), took.toMillis() / 1000.0,
                speed(took)));
    }

    private void printWhenDue() {
        Instant now = clock.instant();
        boolean finished = task.knowsTotal() && done >= task.total();
        // A finished count waits for the last line, which says the same with the time taken.
        if (closed || finished || done == countAtLastLine || now.isBefore(lastLine.plus(interval))) {
            return;
        }
        String line = task.task() + ": " + count() + speed(Duration.between(started, now));
        print(what.isEmpty() ? line : line + ": " + what);
    }

    private void print(String line) {
        out.println(line);
        out.flush();
        lastLine = clock.instant();
        countAtLastLine = done;
    }

    /** {@code 1,200/3,000 rows (40%)}, or {@code 1,200 rows} when the total is not known. */
    private String count() {
        String unit = task.unit().isEmpty() ? "" : " " + task.unit();
        if (!task.knowsTotal()) {
            return String.format(Locale.ROOT, "%,d%s", done, unit);
        }
        return String.format(Locale.ROOT, "%,d/%,d%s (%d%%)", done, task.total(), unit,
                Math.min(100, done * 100 / task.total()));
    }

    /** {@code , 410 rows/s} over the whole run so far, when the task shows a speed and time has passed. */
    private String speed(Duration over) {
        if (!task.showSpeed() || over.toMillis() <= 0) {
            return "";
        }
        String unit = task.unit().isEmpty() ? "" : " " + task.unit();
        return String.format(Locale.ROOT, ", %,.0f%s/s", done * 1000.0 / over.toMillis(), unit);
    }
}
