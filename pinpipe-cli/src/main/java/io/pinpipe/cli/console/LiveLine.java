package io.pinpipe.cli.console;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The last line of an interactive terminal while a progress bar is drawn on it. The bar's frames and every other
 * byte the process prints (standard output and standard error, through {@link GuardedStream}) pass through here
 * under one lock, so nothing lands in the middle of the bar: the bar is wiped first, the output printed, and the
 * bar drawn again below it once the output has ended its line. One bar at a time.
 */
final class LiveLine {

    /** Back to the start of the line, then erase to its end (ANSI; {@code TERM=dumb} never gets here). */
    private static final String WIPE = "\r\033[K";

    private final PrintStream terminal;
    /** The bar's latest frame; null when no bar is live. */
    private String frame;
    /** Whether the frame is on the screen now. */
    private boolean shown;
    /** Other output left a line unfinished: the bar waits for its end rather than cut it. */
    private boolean midLine;

    /** @param terminal where the bar is drawn: the terminal's standard error as the process got it */
    LiveLine(PrintStream terminal) {
        this.terminal = terminal;
    }

    PrintStream terminal() {
        return terminal;
    }

    /** A new frame of the bar replaces the old one, unless other output is in the middle of a line. */
    synchronized void draw(String newFrame) {
        frame = newFrame;
        if (!midLine) {
            show();
        }
    }

    /** The bar ended: its last frame stays on the screen as an ordinary line. */
    synchronized void end() {
        if (frame == null) {
            return;
        }
        if (!midLine) {
            show();
            terminal.print('\n');
            terminal.flush();
        }
        frame = null;
        shown = false;
    }

    /** Other output: written to {@code target} with the bar out of its way, the bar redrawn after a full line. */
    synchronized void write(OutputStream target, byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        if (shown) {
            terminal.print(WIPE);
            terminal.flush();
            shown = false;
        }
        target.write(bytes, offset, length);
        target.flush();
        midLine = bytes[offset + length - 1] != '\n';
        if (frame != null && !midLine) {
            show();
        }
    }

    private void show() {
        terminal.print(WIPE + frame);
        terminal.flush();
        shown = true;
    }
}
