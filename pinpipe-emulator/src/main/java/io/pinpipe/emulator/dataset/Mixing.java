package io.pinpipe.emulator.dataset;

import java.util.SplittableRandom;

/**
 * Seeds for independent random streams: one per (seed, purpose, id), so any row or person can be generated on its
 * own, in any order, and always comes out the same.
 */
final class Mixing {

    private Mixing() {
    }

    /** A well-mixed 64-bit value of {@code a} and {@code b} (two rounds of the SplitMix64 finaliser). */
    static long mix(long a, long b) {
        return finish(finish(a ^ 0x5DEECE66DL) + b * 0x9E3779B97F4A7C15L);
    }

    static SplittableRandom random(long seed, long purpose, long id) {
        return new SplittableRandom(mix(mix(seed, purpose), id));
    }

    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
