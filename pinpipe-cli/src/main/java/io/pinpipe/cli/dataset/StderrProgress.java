package io.pinpipe.cli.dataset;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** The progress bars of long CLI work: on stderr, so stdout keeps only results. */
public final class StderrProgress {

    private StderrProgress() {
    }

    /** A bar counting to {@code total}, or an indefinite one when the total is unknown ({@code total <= 0}). */
    public static ProgressBar bar(String task, long total) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(total > 0 ? total : -1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250)
                .showSpeed().build();
    }
}
