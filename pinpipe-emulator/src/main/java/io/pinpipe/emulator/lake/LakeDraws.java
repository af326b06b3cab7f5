package io.pinpipe.emulator.lake;

import java.util.SplittableRandom;

/**
 * The row ids a generated lake's records come from: uniform draws with replacement from {@code 0..rows-1}, like the
 * emulator's {@code random.randint} over the source table, so rows repeat (about 37% of N draws over N rows are
 * repeats) and the batch job's de-duplication has real work. Deterministic by seed; not thread-safe.
 */
public final class LakeDraws {

    /** Keeps the draw stream apart from the generator's own streams of the same seed. */
    private static final long DRAW_PURPOSE = 0x6c616b6544726177L;

    private final SplittableRandom random;
    private final long rows;

    /**
     * @throws IllegalArgumentException when {@code rows} is not positive
     */
    public LakeDraws(long seed, long rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows to draw from must be positive, got " + rows);
        }
        this.random = new SplittableRandom(seed ^ DRAW_PURPOSE);
        this.rows = rows;
    }

    /** The next row id, in {@code 0..rows-1}. */
    public long next() {
        return random.nextLong(rows);
    }
}
