package io.pinpipe.cli.pipeline;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Exact medians: the middle value, or the mean of the two middle values, never an approximation. */
final class Medians {

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private Medians() {
    }

    /** The median of the non-null values; null when there are none. */
    static BigDecimal of(Collection<Integer> values) {
        List<Long> sorted = values.stream().filter(Objects::nonNull).map(Integer::longValue).sorted().toList();
        if (sorted.isEmpty()) {
            return null;
        }
        int middle = sorted.size() / 2;
        if (sorted.size() % 2 == 1) {
            return BigDecimal.valueOf(sorted.get(middle));
        }
        return BigDecimal.valueOf(sorted.get(middle - 1) + sorted.get(middle)).divide(TWO);
    }
}
