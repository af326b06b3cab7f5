package io.pinpipe.emulator.post;

import org.apache.commons.rng.core.source32.MersenneTwister;

/**
 * The draws of Python's {@code random} module, bit for bit: MT19937 seeded as {@code random.seed(n)} does for an
 * integer (init_by_array over the 32-bit words of |n|, least significant first), {@code getrandbits(k)} as the top
 * k bits of one output, and {@code _randbelow(n)} by rejection. The generator itself is commons-rng's reference
 * MersenneTwister; this class only reproduces how Python consumes it. Not thread-safe.
 */
public final class PythonRandom {

    private final MersenneTwister twister;

    public PythonRandom(long seed) {
        this.twister = new MersenneTwister(initKey(seed));
    }

    /** Python's key for an integer seed: the 32-bit words of its absolute value, low word first; {@code [0]} for 0. */
    static int[] initKey(long seed) {
        long magnitude = Math.abs(seed);
        if (seed == Long.MIN_VALUE) {
            return new int[] {0, 0x8000_0000};
        }
        int high = (int) (magnitude >>> 32);
        return high == 0 ? new int[] {(int) magnitude} : new int[] {(int) magnitude, high};
    }

    /** {@code random.getrandbits(bits)} for 1 to 32 bits. */
    public int getrandbits(int bits) {
        if (bits < 1 || bits > 32) {
            throw new IllegalArgumentException("bits must be 1-32, was " + bits);
        }
        return twister.next() >>> (32 - bits);
    }

    /** {@code random._randbelow(n)}: uniform in [0, n), rejecting draws of the next power of two that are too big. */
    public int randbelow(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("bound must be positive, was " + n);
        }
        int bits = 32 - Integer.numberOfLeadingZeros(n);
        int draw = getrandbits(bits);
        while (Integer.compareUnsigned(draw, n) >= 0) {
            draw = getrandbits(bits);
        }
        return draw;
    }

    /** {@code random.randint(a, b)}: uniform in [a, b], both included. */
    public int randint(int low, int high) {
        if (high < low) {
            throw new IllegalArgumentException("empty range " + low + ".." + high);
        }
        return low + randbelow(high - low + 1);
    }
}
