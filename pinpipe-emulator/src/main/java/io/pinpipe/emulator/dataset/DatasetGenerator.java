package io.pinpipe.emulator.dataset;

import java.util.stream.Stream;

/**
 * Generates the course-like source tables, deterministically from a seed (to be written: see issue 2).
 */
public final class DatasetGenerator {

    public static final int DEFAULT_ROWS = 11_153;

    private final long seed;
    private final long rows;

    public DatasetGenerator(long seed, long rows) {
        this.seed = seed;
        this.rows = rows;
    }

    /** Rows 0..rows-1 in index order, lazily: the stream holds at most a few rows in memory at a time. */
    public Stream<SourceRow> rows() {
        throw new UnsupportedOperationException("generator of seed " + seed + " for " + rows + " rows: not yet");
    }
}
