package io.pinpipe.emulator.dataset;

import java.util.SplittableRandom;

/**
 * follower_count as the scraper wrote it (testdata/real-sample): "Nk" with 1-3 digits, "NM" up to "15M", or 1-3 plain
 * digits including "0"; never decimals, never 4+ digits. The shares are the real rows'; inside each class the number is
 * log-uniform, which puts the median near the real 32k.
 */
final class FollowerCounts {

    /** Real rows per format: 1-digit, 2-digit, 3-digit, Nk, NNk, NNNk, NM, NNM (the real sample's 4,580 counts). */
    private static final double[] ROWS = {123, 230, 465, 789, 1396, 1202, 371, 4};
    private static final double ZERO_SHARE_OF_ONE_DIGIT = 27.0 / 123;
    private static final double[] CUMULATIVE = cumulative();

    private FollowerCounts() {
    }

    static String next(SplittableRandom random) {
        double u = random.nextDouble();
        int format = 0;
        while (format < CUMULATIVE.length - 1 && u >= CUMULATIVE[format]) {
            format++;
        }
        return switch (format) {
            case 0 -> random.nextDouble() < ZERO_SHARE_OF_ONE_DIGIT ? "0" : Long.toString(logUniform(random, 1, 9));
            case 1 -> Long.toString(logUniform(random, 10, 99));
            case 2 -> Long.toString(logUniform(random, 100, 999));
            case 3 -> logUniform(random, 1, 9) + "k";
            case 4 -> logUniform(random, 10, 99) + "k";
            case 5 -> logUniform(random, 100, 999) + "k";
            case 6 -> logUniform(random, 1, 9) + "M";
            default -> logUniform(random, 10, 15) + "M";
        };
    }

    private static long logUniform(SplittableRandom random, long low, long high) {
        double value = Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high + 1) - Math.log(low)));
        return Math.min(high, Math.max(low, (long) value));
    }

    private static double[] cumulative() {
        double total = 0;
        for (double rows : ROWS) {
            total += rows;
        }
        double[] cumulative = new double[ROWS.length];
        double sum = 0;
        for (int i = 0; i < ROWS.length; i++) {
            sum += ROWS[i];
            cumulative[i] = sum / total;
        }
        return cumulative;
    }
}
