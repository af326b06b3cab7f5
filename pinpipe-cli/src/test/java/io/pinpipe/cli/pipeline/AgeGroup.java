package io.pinpipe.cli.pipeline;

import java.util.Comparator;
import java.util.List;

/** The age groups of docs/batch.md, in the order results list them; under 18 and missing age are groups too. */
final class AgeGroup {

    static final List<String> ORDER = List.of("18-24", "25-35", "36-50", "+50", "<18", "unknown");

    /** Orders group names as {@link #ORDER} does. */
    static final Comparator<String> BY_ORDER = Comparator.comparingInt(ORDER::indexOf);

    private AgeGroup() {
    }

    static String of(Integer age) {
        if (age == null) {
            return "unknown";
        }
        if (age < 18) {
            return "<18";
        }
        if (age <= 24) {
            return "18-24";
        }
        if (age <= 35) {
            return "25-35";
        }
        return age <= 50 ? "36-50" : "+50";
    }
}
