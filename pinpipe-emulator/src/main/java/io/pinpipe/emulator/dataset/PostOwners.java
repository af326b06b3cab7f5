package io.pinpipe.emulator.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides who posted row {@code i}, in O(1) time and memory per row, so that the repeat structure of the course's
 * {@code user_data} holds at any size (the real table: 5,307 people own 11,154 rows; 1,438 of them own several rows,
 * 7,285 rows in all; the largest owns 244).
 *
 * <p>Every row gets a point {@code u} in [0, 1) from a golden-ratio (Weyl) sequence, which spreads the points far
 * more evenly than independent draws, so each owner receives almost exactly its share of rows. [0, 1) is cut into
 * one interval per owner, as wide as the share of rows the owner should get:
 * <ul>
 *   <li>the <em>head</em>, people owning {@value #HEAD_MIN_ROWS}+ rows in the real table, keeps their share of
 *       rows: the largest poster owns 244/11154 of the rows at any size (max group sizes scale with the table);</li>
 *   <li>the <em>tail</em>, people owning 2..9 rows, is multiplied with the table: same sizes, more people;</li>
 *   <li>the rest of [0, 1) holds rows whose owner posts only once (a fresh person per row).</li>
 * </ul>
 * Owners are laid out biggest first, and an owner's <em>rank</em> is the middle of its interval: 0 for the biggest
 * poster, near 1 for late one-off posters. The person's attributes follow the rank (see {@link People}).
 */
final class PostOwners {

    /** Rows in the real table the shares are taken from. */
    static final double REAL_ROWS = 11_154;
    static final long HEAD_MIN_ROWS = 10;
    /** The head person (0-based rank) whose posts all carry "User Info Error": the real one owns 88 rows. */
    static final int USER_INFO_ERROR_RANK = 2;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long offset;
    private final double[] headEnds;
    private final double[] tailClassEnds;
    private final long[] tailClassPeople;
    private final long[] tailClassFirstId;
    private final long firstSingletonId;

    /** An owner: a person id (stable for the whole table) and its rank in [0, 1). */
    record Owner(long personId, double rank) {
    }

    PostOwners(long seed, long rows, long[][] groupSizes) {
        this.offset = Mixing.mix(seed, 0x6f776e657273L);
        double scale = rows / REAL_ROWS;
        List<Double> head = new ArrayList<>();
        List<long[]> tail = new ArrayList<>();
        for (int i = groupSizes.length - 1; i >= 0; i--) {
            long size = groupSizes[i][0];
            long people = groupSizes[i][1];
            if (size >= HEAD_MIN_ROWS) {
                for (long p = 0; p < people; p++) {
                    head.add(size / REAL_ROWS);
                }
            } else if (size >= 2) {
                tail.add(new long[] {size, people});
            }
        }
        headEnds = new double[head.size()];
        double end = 0;
        for (int i = 0; i < headEnds.length; i++) {
            end += head.get(i);
            headEnds[i] = end;
        }
        tailClassEnds = new double[tail.size()];
        tailClassPeople = new long[tail.size()];
        tailClassFirstId = new long[tail.size()];
        long nextId = headEnds.length;
        for (int i = 0; i < tailClassEnds.length; i++) {
            end += tail.get(i)[0] * tail.get(i)[1] / REAL_ROWS;
            tailClassEnds[i] = end;
            tailClassPeople[i] = Math.max(1, Math.round(tail.get(i)[1] * scale));
            tailClassFirstId[i] = nextId;
            nextId += tailClassPeople[i];
        }
        firstSingletonId = nextId;
    }

    Owner ownerOf(long row) {
        double u = ((offset + row * GOLDEN) >>> 11) * 0x1.0p-53;
        int head = interval(headEnds, u);
        if (head < headEnds.length) {
            double start = head == 0 ? 0 : headEnds[head - 1];
            return new Owner(head, (start + headEnds[head]) / 2);
        }
        int tailClass = interval(tailClassEnds, u);
        if (tailClass < tailClassEnds.length) {
            double start = tailClass == 0 ? headEnds[headEnds.length - 1] : tailClassEnds[tailClass - 1];
            double width = (tailClassEnds[tailClass] - start) / tailClassPeople[tailClass];
            long member = Math.min(tailClassPeople[tailClass] - 1, (long) ((u - start) / width));
            return new Owner(tailClassFirstId[tailClass] + member, start + (member + 0.5) * width);
        }
        return new Owner(firstSingletonId + row, u);
    }

    /** Whether the person owns several rows (one-off posters are never seen again). */
    boolean isRepeatPoster(long personId) {
        return personId < firstSingletonId;
    }

    /** The person id that posts only "User Info Error" rows. */
    long userInfoErrorPerson() {
        return USER_INFO_ERROR_RANK;
    }

    private static int interval(double[] ends, double u) {
        int found = Arrays.binarySearch(ends, u);
        return found >= 0 ? found + 1 : -found - 1;
    }
}
