package io.pinpipe.emulator.post;

/**
 * The row numbers the course's {@code user_posting_emulation.py} draws. Each turn of its loop first calls
 * {@code sleep(random.randrange(0, 2))} and then {@code random.randint(0, 11000)}; the sleep's draw is consumed here
 * too (pinpipe paces with {@code --rate} instead of sleeping), so {@code random.seed(100)} gives every student's
 * sequence 7528, 2863, 5730, ... Not thread-safe.
 */
public final class CourseDraws {

    public static final long COURSE_SEED = 100;
    public static final int COURSE_MAX_ROW = 11_000;

    private final PythonRandom random;
    private final int minRow;
    private final int maxRow;

    public CourseDraws(long seed, int minRow, int maxRow) {
        if (minRow < 0 || maxRow < minRow) {
            throw new IllegalArgumentException("row range " + minRow + ".." + maxRow
                    + " is empty or negative");
        }
        this.random = new PythonRandom(seed);
        this.minRow = minRow;
        this.maxRow = maxRow;
    }

    /** The next row number. */
    public int next() {
        random.randbelow(2);
        return random.randint(minRow, maxRow);
    }
}
