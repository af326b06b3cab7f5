package io.pinpipe.spark.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How long each phase of one micro-batch took in the writer, in milliseconds, measured on the thread that ran it
 * (the tables' phases run side by side, so they overlap and need not add up to the micro-batch). Phases of a table
 * are named {@code <table>.<phase>}, e.g. {@code pin.write}; a phase timed twice adds up.
 */
final class PhaseTimes {

    private final Map<String, Long> millis = new LinkedHashMap<>();

    /** Runs {@code work}, adding its duration to {@code phase} whether it ends normally or not. */
    <T> T time(String phase, Supplier<T> work) {
        long started = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(phase, (System.nanoTime() - started) / 1_000_000);
        }
    }

    void time(String phase, Runnable work) {
        time(phase, () -> {
            work.run();
            return null;
        });
    }

    synchronized void add(String phase, long phaseMillis) {
        millis.merge(phase, phaseMillis, Long::sum);
    }

    /** The phases timed so far, in the order they were first timed. */
    synchronized Map<String, Long> millis() {
        return new LinkedHashMap<>(millis);
    }
}
