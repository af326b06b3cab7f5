package io.pinpipe.emulator.dataset;

import java.util.SplittableRandom;

/**
 * Poster names: words of real poster names put together to the real length distribution (median 16), some with a
 * " | tagline" part as on Pinterest, and 88 in 4,614 with a stray space at the end (testdata/real-sample).
 */
final class PosterNames {

    private static final double TRAILING_SPACE_SHARE = 88.0 / 4614;
    private static final double TAGLINE_SHARE = 0.5;
    private static final int TAGLINE_MIN_LENGTH = 30;

    private final String[] words;
    private final double[] lengths;

    PosterNames(String[] words, double[] lengths) {
        this.words = words;
        this.lengths = lengths;
    }

    String next(SplittableRandom random) {
        int target = Math.max(2, (int) Math.round(FactTables.quantile(lengths, random.nextDouble())));
        StringBuilder name = new StringBuilder(target + 16);
        boolean tagline = target >= TAGLINE_MIN_LENGTH && random.nextDouble() < TAGLINE_SHARE;
        int taglineAt = tagline ? target / 3 : Integer.MAX_VALUE;
        while (name.length() < target) {
            if (name.length() > 0) {
                name.append(name.length() >= taglineAt ? " | " : " ");
                if (name.length() >= taglineAt) {
                    taglineAt = Integer.MAX_VALUE;
                }
            }
            name.append(words[random.nextInt(words.length)]);
        }
        if (name.length() > target + 2 && name.indexOf(" ") > 0 && name.length() > 3) {
            name.setLength(Math.max(name.lastIndexOf(" "), 1));
        }
        String result = name.toString().strip();
        if (result.endsWith("|")) {
            result = result.substring(0, result.length() - 1).strip();
        }
        return random.nextDouble() < TRAILING_SPACE_SHARE ? result + " " : result;
    }
}
