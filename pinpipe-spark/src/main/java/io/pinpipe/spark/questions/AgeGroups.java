package io.pinpipe.spark.questions;

import org.apache.spark.sql.Column;

import java.util.List;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The age groups of questions 4, 5 and 8: {@code 18-24}, {@code 25-35}, {@code 36-50}, {@code +50} (51 and over),
 * and, so that no one is dropped, {@code <18} and {@code unknown} (no age). Results list groups in this order.
 */
public final class AgeGroups {

    public static final List<String> ORDER = List.of("18-24", "25-35", "36-50", "+50", "<18", "unknown");

    private AgeGroups() {
    }

    /** The group of an age. */
    public static Column of(Column age) {
        return when(age.isNull(), lit("unknown"))
                .when(age.lt(18), lit("<18"))
                .when(age.leq(24), lit("18-24"))
                .when(age.leq(35), lit("25-35"))
                .when(age.leq(50), lit("36-50"))
                .otherwise(lit("+50"));
    }

    /** The position of a group in {@link #ORDER}, for sorting. */
    public static Column position(Column group) {
        Column position = lit(ORDER.size());
        for (int i = ORDER.size() - 1; i >= 0; i--) {
            position = when(group.equalTo(ORDER.get(i)), lit(i)).otherwise(position);
        }
        return position;
    }
}
