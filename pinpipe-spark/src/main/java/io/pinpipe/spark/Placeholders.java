package io.pinpipe.spark;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The placeholder strings the source data uses instead of a missing value, per pin column. {@link #core()} is the
 * list the published cleaned rows follow (testdata/real-sample/cleaned); {@link #extended()} adds the
 * placeholders only some students nulled: {@code "No description available"}, {@code "Untitled"} and {@code ""}
 * in title and description.
 *
 * @param byColumn column name → the exact strings that mean "no value" in it
 */
public record Placeholders(Map<String, List<String>> byColumn) {

    public static final String USER_INFO_ERROR = "User Info Error";

    public Placeholders {
        byColumn = Map.copyOf(byColumn);
    }

    public static Placeholders core() {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        columns.put("title", List.of("No Title Data Available"));
        columns.put("description", List.of("No description available Story format"));
        columns.put("poster_name", List.of(USER_INFO_ERROR));
        columns.put("follower_count", List.of(USER_INFO_ERROR));
        columns.put("tag_list", List.of("N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e"));
        columns.put("image_src", List.of("Image src error."));
        return new Placeholders(columns);
    }

    public static Placeholders extended() {
        Map<String, List<String>> columns = new LinkedHashMap<>(core().byColumn());
        columns.put("title", List.of("No Title Data Available", "Untitled", ""));
        columns.put("description", List.of("No description available Story format", "No description available",
                "Untitled", ""));
        return new Placeholders(columns);
    }

    public static Placeholders of(boolean extended) {
        return extended ? extended() : core();
    }

    /** The placeholders of one column; empty when the column has none. */
    public List<String> of(String column) {
        return byColumn.getOrDefault(column, List.of());
    }

    /** The columns that have placeholders, in the pin table's order. */
    public List<String> columns() {
        return Arrays.stream(RawSchemas.PIN.fieldNames()).filter(byColumn::containsKey).toList();
    }
}
