package io.pinpipe.cli.stream;

import java.util.List;

/** Nearest-rank percentiles of sorted values. */
final class Percentiles {

    private Percentiles() {
    }

    static long of(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
