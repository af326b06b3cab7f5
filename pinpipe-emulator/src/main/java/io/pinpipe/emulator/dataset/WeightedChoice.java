package io.pinpipe.emulator.dataset;

import java.util.Arrays;
import java.util.List;

/**
 * A finite distribution over values kept in a fixed order (alphabetical, numeric). {@link #at(double)} maps a
 * quantile to a value by the cumulative weights, so that neighbouring quantiles give neighbouring values: the
 * generator relies on that to make one person's attributes agree (the biggest posters come first in every table).
 */
final class WeightedChoice<T> {

    private final List<T> values;
    private final double[] cumulative;

    WeightedChoice(List<T> values, double[] weights) {
        if (values.isEmpty() || values.size() != weights.length) {
            throw new IllegalArgumentException("need one positive weight per value, got " + values.size()
                    + " values and " + weights.length + " weights");
        }
        this.values = List.copyOf(values);
        this.cumulative = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] > 0)) {
                throw new IllegalArgumentException("weight of " + values.get(i) + " is not positive: " + weights[i]);
            }
            total += weights[i];
            cumulative[i] = total;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= total;
        }
    }

    /** The value whose cumulative-weight interval holds {@code quantile} (0 inclusive .. 1 exclusive). */
    T at(double quantile) {
        return values.get(indexAt(quantile));
    }

    /** The position of {@link #at(double)}'s value in the table. */
    int indexAt(double quantile) {
        int found = Arrays.binarySearch(cumulative, quantile);
        int index = found >= 0 ? found + 1 : -found - 1;
        return Math.min(index, values.size() - 1);
    }

    /** Where {@code quantile} falls inside its value's interval: 0 at its start, towards 1 at its end. */
    double within(double quantile) {
        int index = indexAt(quantile);
        double start = index == 0 ? 0 : cumulative[index - 1];
        double width = cumulative[index] - start;
        return Math.min(1, Math.max(0, (quantile - start) / width));
    }

    T value(int index) {
        return values.get(index);
    }

    int size() {
        return values.size();
    }
}
