package io.pinpipe.cli.console;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress for a person at an interactive terminal: an animated bar (the progressbar library's), drawn on the
 * {@link LiveLine} so that other output never cuts it.
 */
final class TerminalProgress implements Progress {

    /** The most characters of a step's description the bar shows: the bar must keep room on an 80-column line. */
    private static final int MAX_DESCRIPTION = 30;

    private final ProgressBar bar;
    private final LineConsumer consumer;

    TerminalProgress(ProgressTask task, LiveLine line) {
        consumer = new LineConsumer(line);
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task.task())
                .setInitialMax(task.knowsTotal() ? task.total() : -1)
                // No colours: a wiped or finished bar leaves no colour codes behind on the terminal.
                .setStyle(ProgressBarStyle.UNICODE_BLOCK)
                .setUpdateIntervalMillis(250)
                // Redraw while the count stands still too, so the elapsed time shows the work is alive.
                .continuousUpdate()
                .setConsumer(consumer);
        if (!task.unit().isEmpty()) {
            builder.setUnit(" " + task.unit(), 1);
        }
        if (task.showSpeed()) {
            builder.showSpeed();
        }
        bar = builder.build();
    }

    @Override
    public void stepTo(long done) {
        bar.stepTo(done);
    }

    @Override
    public void stepBy(long more) {
        bar.stepBy(more);
    }

    @Override
    public void stepTo(long done, String what) {
        bar.setExtraMessage(what.length() <= MAX_DESCRIPTION ? what
                : what.substring(0, MAX_DESCRIPTION - 3) + "...");
        bar.stepTo(done);
    }

    @Override
    public void close() {
        bar.close();
        // The library skips its consumer's close when the bar closes before its first refresh ran (a bar of a few
        // milliseconds): end the line here too, or the closed bar would stay live under all later output.
        consumer.close();
    }

    /** Hands the library's frames to the live line; the library still measures the terminal's width. */
    private static final class LineConsumer extends ConsoleProgressBarConsumer {

        private final LiveLine line;
        private boolean ended;

        LineConsumer(LiveLine line) {
            super(line.terminal());
            this.line = line;
        }

        @Override
        public synchronized void accept(String frame) {
            // The library's refresh thread may still deliver a frame after the close: the bar must not come back.
            if (!ended) {
                line.draw(frame);
            }
        }

        @Override
        public synchronized void close() {
            if (!ended) {
                ended = true;
                line.end();
            }
        }
    }
}
