package io.pinpipe.cli.console;

/**
 * What a progress display shows: the task's name, the count at which it is done ({@code total <= 0}: unknown), the
 * unit counted, and whether a speed means anything (records per second do; "step 4 of 13" per second does not).
 */
record ProgressTask(String task, long total, String unit, boolean showSpeed) {

    boolean knowsTotal() {
        return total > 0;
    }
}
